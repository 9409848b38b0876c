package org.phoneprov.httpd;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;

/**
 * The open connections of one server and how many responses each still owes (kept by
 * its {@link RequestClock}, which also times the wait for its next request head), so a
 * stop can close idle keep-alive connections at once and busy ones when their response
 * is out. Clocks are touched only on the channel's event loop.
 */
final class Connections {
    private static final AttributeKey<RequestClock> CLOCK = AttributeKey.valueOf(Connections.class, "clock");

    private final ChannelGroup open = new DefaultChannelGroup("httpd", GlobalEventExecutor.INSTANCE);
    private volatile boolean draining;

    /** A new, admitted connection; closed at once while stopping. */
    void add(Channel ch, RequestClock clock) {
        ch.attr(CLOCK).set(clock);
        open.add(ch);
        if (draining) {
            ch.close();
        }
    }

    /** A request head is complete: its connection is busy until the response is out. */
    void requestStarted(Channel ch) {
        RequestClock c = ch.attr(CLOCK).get();
        if (c != null) {
            c.requestStarted();
        }
    }

    /** The last write of a response completed; during a stop the connection then closes. */
    void responseFinished(Channel ch) {
        RequestClock c = ch.attr(CLOCK).get();
        if (c != null) {
            c.responseFinished();
        }
        if (draining && idle(ch)) {
            ch.close();
        }
    }

    /** Whether a response is owed on the connection. */
    boolean busy(Channel ch) {
        return !idle(ch);
    }

    /** While stopping, responses say "Connection: close". */
    boolean draining() {
        return draining;
    }

    int size() {
        return open.size();
    }

    /**
     * Closes idle connections now and busy ones as they finish, waiting at most
     * {@code timeout}; what is still open then is closed hard.
     *
     * @return how many connections had to be closed hard
     */
    int drain(Duration timeout) {
        draining = true;
        for (Channel ch : open) {
            ch.eventLoop().execute(() -> {
                if (idle(ch)) {
                    ch.close();
                }
            });
        }
        boolean done = open.newCloseFuture().awaitUninterruptibly(timeout.toMillis());
        if (done) {
            return 0;
        }
        int forced = open.size();
        open.close().awaitUninterruptibly(500);
        return forced;
    }

    private static boolean idle(Channel ch) {
        RequestClock c = ch.attr(CLOCK).get();
        return c == null || c.busy() == 0;
    }
}
