package org.phoneprov.httpd;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;

/**
 * The open connections of one server and how many responses each still owes, so a stop
 * can close idle keep-alive connections at once and busy ones when their response is out.
 * Counters are touched only on the channel's event loop.
 */
final class Connections {
    private static final AttributeKey<int[]> IN_FLIGHT = AttributeKey.valueOf(Connections.class, "inFlight");

    private final ChannelGroup open = new DefaultChannelGroup("httpd", GlobalEventExecutor.INSTANCE);
    private volatile boolean draining;

    /** A new connection; refused at once while stopping. */
    void add(Channel ch) {
        ch.attr(IN_FLIGHT).set(new int[1]);
        open.add(ch);
        if (draining) {
            ch.close();
        }
    }

    void requestStarted(Channel ch) {
        int[] n = ch.attr(IN_FLIGHT).get();
        if (n != null) {
            n[0]++;
        }
    }

    /** The last write of a response completed; during a stop the connection then closes. */
    void responseFinished(Channel ch) {
        int[] n = ch.attr(IN_FLIGHT).get();
        if (n != null && n[0] > 0) {
            n[0]--;
        }
        if (draining && idle(ch)) {
            ch.close();
        }
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
        int[] n = ch.attr(IN_FLIGHT).get();
        return n == null || n[0] == 0;
    }
}
