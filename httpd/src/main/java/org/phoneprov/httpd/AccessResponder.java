package org.phoneprov.httpd;

import org.phoneprov.common.guard.ProbeThrottle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.provision.FileResolver;
import org.slf4j.event.Level;

/**
 * Turns the access decisions into responses, log lines and events: 429 for a blocked
 * address, 403 and 401 from the {@link AccessGate}, and 404s counted by the
 * {@link ProbeThrottle}. Log lines name the device and the client, never a credential.
 */
final class AccessResponder {
    private final Responses responses;
    private final AccessSource access;
    private final AccessGate gate;
    private final ProbeThrottle throttle = new ProbeThrottle();
    private final LongSupplier millis;
    private final RateLimitedLog log;
    private final EventSink events;

    AccessResponder(Responses responses, AccessSource access, AccessGate gate, LongSupplier millis,
                    RateLimitedLog log, EventSink events) {
        this.responses = responses;
        this.access = access;
        this.gate = gate;
        this.millis = millis;
        this.log = log;
        this.events = events;
    }

    /** A blocked address gets 429 for everything, and the connection closes. */
    boolean blocked(Exchange ex, HttpdSettings.Access rules, Optional<InetAddress> client) {
        if (rules.probeLimit().isEmpty() || client.isEmpty()) {
            return false;
        }
        long left = throttle.blockedFor(client.get(), millis.getAsLong());
        if (left == 0) {
            return false;
        }
        ex.closeAfter();
        ex.send(responses.tooManyRequests(ex.version(), (left + 999) / 1000), 0);
        return true;
    }

    /** 404, counted toward the probe limit; the 404 that passes the limit blocks the address. */
    void notFound(Exchange ex, HttpdSettings.Access rules, Optional<InetAddress> client) {
        ex.send(responses.notFound(ex.version()), 0);
        if (rules.probeLimit().isEmpty() || client.isEmpty()) {
            return;
        }
        HttpdSettings.ProbeLimit limit = rules.probeLimit().get();
        int count = throttle.notFound(client.get(), millis.getAsLong(), limit);
        if (count > 0) {
            SocketAddress remote = ex.ctx().channel().remoteAddress();
            log.log(Level.WARN, "httpd.probe_blocked", "client=" + client.get().getHostAddress() + " not_found="
                    + count + " within_seconds=" + limit.perSeconds() + " block_seconds=" + limit.blockSeconds());
            events.record(new Event(Instant.now(), Exchange.DAEMON, "BLOCK", Optional.empty(), "", "probe_blocked", 0,
                    0, remote instanceof InetSocketAddress inet ? Optional.of(inet) : Optional.empty()));
        }
    }

    /** A device's own file: answers 403 or 401 itself and returns false unless the gate allows it. */
    boolean allowed(Exchange ex, HttpdSettings.Access rules, AccessGate.Ask ask, String name, FileResolver current) {
        AccessGate.Verdict v = gate.decide(rules, ask, access.device(ask.owner()), current::deviceAt,
                millis.getAsLong());
        if (v instanceof AccessGate.Forbidden f) {
            log.log(Level.INFO, "httpd.access_denied", "reason=" + f.reason() + " " + who(ex, ask, name) + " "
                    + f.detail());
            ex.send(responses.forbidden(ex.version()), 0);
            return false;
        }
        if (v instanceof AccessGate.Challenge c) {
            if (c.outcome().failure()) {
                log.log(Level.INFO, "httpd.auth_failed", "reason=" + c.outcome().word() + " " + who(ex, ask, name));
            }
            ex.send(responses.unauthorized(ex.version(), c.challenges()), 0);
            return false;
        }
        return true;
    }

    /** The device, the client and the path: never the Authorization field. */
    private static String who(Exchange ex, AccessGate.Ask ask, String name) {
        return "mac=" + ask.owner() + " client=" + LogText.address(ex.ctx().channel().remoteAddress()) + " path="
                + LogText.quote(name);
    }
}
