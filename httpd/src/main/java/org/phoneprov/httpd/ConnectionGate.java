package org.phoneprov.httpd;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.phoneprov.common.config.HttpdSettings;

/**
 * Admits a new connection, or refuses it, before its pipeline is built (see
 * {@link ConnectionLimits} for the rules). One gate serves both listeners, so HTTP and
 * HTTPS share the caps. The limits are read per connection: a reload applies to the next.
 */
final class ConnectionGate {
    private final ConnectionLimits<Channel> table = new ConnectionLimits<>();
    private final Supplier<HttpdSettings.Limits> limits;
    private final LimitLog log;
    private final LongSupplier nanoTime;

    ConnectionGate(Supplier<HttpdSettings.Limits> limits, LimitLog log, LongSupplier nanoTime) {
        this.limits = limits;
        this.log = log;
        this.nanoTime = nanoTime;
    }

    LimitLog log() {
        return log;
    }

    /** The admitted connection's clock; empty when it was refused, and then it is being reset. */
    Optional<RequestClock> admit(Channel ch) {
        HttpdSettings.Limits l = limits.get();
        RequestClock clock = new RequestClock(l, nanoTime);
        InetAddress client = ch.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        ConnectionLimits.Admission<Channel> admission = table.admit(ch, client, clock, l);
        if (admission instanceof ConnectionLimits.Refused<Channel> r) {
            if (r.cap() == ConnectionLimits.Cap.PER_CLIENT) {
                log.refusedPerClient(ch, r.open(), r.max());
            } else {
                log.refusedMaxConnections(ch, r.open(), r.max());
            }
            // A reset, not a FIN: nothing was read, nothing is owed, and our side keeps no
            // TIME_WAIT for a client that may be opening connections in a loop.
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
            return Optional.empty();
        }
        ConnectionLimits.Admitted<Channel> in = (ConnectionLimits.Admitted<Channel>) admission;
        ch.closeFuture().addListener(f -> table.release(in.entry()));
        in.makeRoom().ifPresent(victim -> makeRoom(victim, ch, l.maxConnections()));
        return Optional.of(clock);
    }

    /** Closes the chosen connection on its own event loop, unless a request head arrived meanwhile. */
    private void makeRoom(ConnectionLimits.Entry<Channel> victim, Channel newcomer, int max) {
        Channel v = victim.connection;
        v.eventLoop().execute(() -> {
            long since = victim.clock.waitingSince();
            if (since == RequestClock.BUSY || !v.isOpen()) {
                table.spare(victim);
                return;
            }
            log.evicted(v, victim.clock.now() - since, newcomer, max);
            v.close();
        });
    }

    int open() {
        return table.open();
    }

    int open(InetAddress client) {
        return table.open(client);
    }
}
