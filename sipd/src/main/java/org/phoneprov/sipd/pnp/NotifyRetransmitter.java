package org.phoneprov.sipd.pnp;

import gov.nist.javax.sip.message.SIPResponse;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.sipd.message.Printable;
import org.slf4j.event.Level;

/**
 * Retransmits plug-and-play NOTIFYs until the phone answers (RFC 3261 17.1.2.2): the
 * Netty side of {@link PendingNotifies}. One per server, shared by every
 * {@link PnpHandler}, because a phone may answer our unicast NOTIFY on the multicast group
 * (sipp does) as well as on the reply socket. Resends leave through the reply channel,
 * like the first NOTIFY.
 *
 * <p>One periodic tick on the reply channel's event loop fires every due Timer E and F,
 * instead of a timer object per NOTIFY; {@link #TICK_MILLIS} late at most, well within
 * the 500 ms of T1. Single-threaded: every method runs on that one sipd event loop.
 */
public final class NotifyRetransmitter {
    static final long TICK_MILLIS = 100;

    private final Channel replyChannel;
    private final PendingNotifies pending;
    private final PnpCounters counters;
    private final RateLimitedLog log;
    private final LongSupplier nanoTime;
    private ScheduledFuture<?> tick;

    public NotifyRetransmitter(Channel replyChannel, PendingNotifies pending, PnpCounters counters,
                               RateLimitedLog log, LongSupplier nanoTime) {
        this.replyChannel = replyChannel;
        this.pending = pending;
        this.counters = counters;
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /** Starts the tick on the reply channel's event loop. */
    public synchronized void start() {
        if (tick == null) {
            // Fixed delay, not fixed rate: a stalled loop does not run a burst of catch-up ticks.
            tick = replyChannel.eventLoop().scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the tick; NOTIFYs still pending are simply not sent again. */
    public synchronized void stop() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    /** Tracks a NOTIFY just written for the first time; past the table's bound it stays a single send. */
    void sent(PnpReplies.Exchange x, InetSocketAddress to, long nowNanos) {
        if (!pending.add(x.notifyBranch(), x.callId(), x.notifyCSeq(), x.notifyRequest(), to, nowNanos)) {
            counters.countUntracked();
        }
    }

    /**
     * A final response that ends a pending NOTIFY is counted as its result; a retransmitted
     * one matches nothing any more, so each NOTIFY counts once.
     *
     * @return whether the response belonged to a pending NOTIFY
     */
    boolean onResponse(SIPResponse response, long nowNanos) {
        boolean matched = pending.onResponse(response, nowNanos);
        if (matched && response.getStatusCode() >= 200) {
            counters.countNotifyAnswer(response.getStatusCode());
        }
        return matched;
    }

    /** Fires due timers: resends through the reply channel, counts and logs timeouts. Never throws. */
    public void tick() {
        try {
            PendingNotifies.Due due = pending.due(nanoTime.getAsLong());
            if (due.isEmpty()) {
                return;
            }
            for (PendingNotifies.Resend r : due.resend()) {
                PnpHandler.send(replyChannel, log, r.datagram(), r.to());
            }
            if (!due.resend().isEmpty()) {
                replyChannel.flush();
                counters.countRetransmissions(due.resend().size());
            }
            if (!due.expired().isEmpty()) {
                counters.countTimeouts(due.expired().size());
                // One line per tick, whatever the count: a boot storm of silent phones must not fill the journal.
                PendingNotifies.Expired first = due.expired().get(0);
                log.log(Level.INFO, "sipd.pnp_notify_timeout", "count=" + due.expired().size() + " to="
                        + Printable.address(first.to()) + " call_id=\"" + Printable.of(first.callId(), 80)
                        + "\" transmissions=" + first.transmissions());
            }
        } catch (Throwable t) {
            // Thrown out of a periodic task, it would cancel every later tick.
            counters.countFailure();
            log.log(Level.WARN, "sipd.pnp_failed", "in=retransmit error=\"" + Printable.of(t.toString(), 200) + "\"");
        }
    }
}
