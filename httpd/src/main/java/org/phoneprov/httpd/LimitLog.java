package org.phoneprov.httpd;

import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.log.ReasonCounters;
import org.slf4j.event.Level;

/**
 * What the connection limits did: counted, for {@code httpd.stopped}, and logged with
 * stable names, rate-limited, because a client that sets them off usually does so by the
 * hundred. No events: a flood of connections that never asked for a file would push
 * phones' history out of the event log, and says nothing about any device.
 */
final class LimitLog {
    /** What was cut off, with its key in the {@code httpd.stopped} line. */
    enum Cut {
        HEAD_TIMEOUT("head_timeouts"),
        KEEPALIVE_TIMEOUT("keepalive_closed"),
        REFUSED_PER_CLIENT("refused_per_client"),
        REFUSED_MAX_CONNECTIONS("refused_max_connections"),
        EVICTED("evicted");

        final String key;

        Cut(String key) {
            this.key = key;
        }
    }

    static final class Counters extends ReasonCounters<Cut> {
        Counters() {
            super(Cut.class);
        }
    }

    private final RateLimitedLog log;
    private final Counters counters = new Counters();

    LimitLog(RateLimitedLog log) {
        this.log = log;
    }

    /** The counts by cut, for the metrics scrape. */
    Counters counters() {
        return counters;
    }

    long count(Cut cut) {
        return counters.count(cut);
    }

    /** {@code head_timeouts=3 keepalive_closed=120 ...}, for the stop line. */
    String summary() {
        StringBuilder b = new StringBuilder();
        for (Cut c : Cut.values()) {
            b.append(b.length() == 0 ? "" : " ").append(c.key).append('=').append(counters.count(c));
        }
        return b.toString();
    }

    /** bytes=0 is a connection that never spoke (a scan, a dead phone); more is a head that trickled. */
    void headTimeout(Channel ch, RequestClock clock) {
        counters.increment(Cut.HEAD_TIMEOUT);
        log.log(Level.INFO, "httpd.head_timeout", "client=" + LogText.address(ch.remoteAddress()) + " bytes="
                + clock.headBytes() + " seconds=" + TimeUnit.NANOSECONDS.toSeconds(clock.headNanos()) + " after="
                + (clock.keptAlive() ? "response" : "accept"));
    }

    /** The normal end of a phone's connection: counted, not logged. */
    void keepaliveTimeout() {
        counters.increment(Cut.KEEPALIVE_TIMEOUT);
    }

    void refusedPerClient(Channel ch, int open, int max) {
        counters.increment(Cut.REFUSED_PER_CLIENT);
        log.log(Level.INFO, "httpd.client_limit", "action=refused client=" + LogText.address(ch.remoteAddress())
                + " open=" + open + " max_per_client=" + max);
    }

    void refusedMaxConnections(Channel ch, int open, int max) {
        counters.increment(Cut.REFUSED_MAX_CONNECTIONS);
        log.log(Level.WARN, "httpd.connection_limit", "action=refused client=" + LogText.address(ch.remoteAddress())
                + " open=" + open + " max_connections=" + max + " (every connection is busy with a response)");
    }

    void evicted(Channel closed, long waitedNanos, Channel newcomer, int max) {
        counters.increment(Cut.EVICTED);
        log.log(Level.WARN, "httpd.connection_limit", "action=evicted closed=" + LogText.address(closed.remoteAddress())
                + " waited_ms=" + TimeUnit.NANOSECONDS.toMillis(waitedNanos) + " client="
                + LogText.address(newcomer.remoteAddress()) + " max_connections=" + max);
    }
}
