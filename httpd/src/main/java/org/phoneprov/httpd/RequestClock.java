package org.phoneprov.httpd;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.phoneprov.common.config.HttpdSettings;

/**
 * The deadlines of one connection, as plain decisions over a clock. A connection is
 * either busy (a request head has arrived and its response is not yet written) or waiting
 * for a request head. While waiting:
 * <ul>
 * <li>the whole head must arrive within {@code request_head_seconds} of the moment the
 *     wait began (the accept, or the end of the previous response). Bytes that arrive do
 *     not move that moment, so a client that sends one byte a second is cut off like one
 *     that sends nothing;</li>
 * <li>on a kept-alive connection, if not even the first byte of a next request arrives
 *     within {@code keepalive_seconds}, the connection is closed: a phone that fetched its
 *     files and went quiet, or was power-cycled and left its connection behind.</li>
 * </ul>
 * Busy connections have no deadline here: a response that stops moving is the send
 * stall timeout's business. Touched only on the connection's event loop, except
 * {@link #waitingSince()}, which the connection table reads to choose whom to close at
 * its cap.
 */
final class RequestClock {
    /** {@link #waitingSince()} of a busy connection: it is never the one to make room. */
    static final long BUSY = Long.MAX_VALUE;

    /** What a check finds. */
    enum Verdict {
        /** Nothing is due; check again at {@link #nextCheck(long)}. */
        WAIT,
        /** The request head did not arrive in time: close. */
        HEAD_TIMEOUT,
        /** A kept-alive connection stayed silent: close, quietly. */
        KEEPALIVE_TIMEOUT
    }

    private final long headNanos;
    private final long keepaliveNanos;
    private final LongSupplier nanoTime;
    private volatile long waitingSince;
    private int busy;
    private boolean keptAlive;
    private long headBytes;

    RequestClock(HttpdSettings.Limits limits, LongSupplier nanoTime) {
        this.headNanos = TimeUnit.SECONDS.toNanos(limits.requestHeadSeconds());
        // The reader keeps keep-alive <= head; a hand-made Limits that does not is held to it.
        this.keepaliveNanos = Math.min(headNanos, TimeUnit.SECONDS.toNanos(limits.keepaliveSeconds()));
        this.nanoTime = nanoTime;
        this.waitingSince = nanoTime.getAsLong();
    }

    long now() {
        return nanoTime.getAsLong();
    }

    /** Bytes read from the client; those that arrive while waiting are the start of a head. */
    void bytesArrived(int n) {
        if (busy == 0) {
            headBytes += n;
        }
    }

    /** A complete request head was decoded (a bad one too: it is answered and closed). */
    void requestStarted() {
        busy++;
        waitingSince = BUSY;
    }

    /** The last write of a response completed; with none left in flight, the wait begins. */
    void responseFinished() {
        if (busy > 0 && --busy == 0) {
            waitingSince = nanoTime.getAsLong();
            keptAlive = true;
            headBytes = 0;
        }
    }

    long headNanos() {
        return headNanos;
    }

    int busy() {
        return busy;
    }

    /** When the current wait began, or {@link #BUSY}. */
    long waitingSince() {
        return waitingSince;
    }

    /** Bytes of the head the client has sent in the current wait. */
    long headBytes() {
        return headBytes;
    }

    /** Whether the current wait follows a response (else it follows the accept). */
    boolean keptAlive() {
        return keptAlive;
    }

    Verdict check(long now) {
        if (busy > 0) {
            return Verdict.WAIT;
        }
        long since = waitingSince;
        if (keptAlive && headBytes == 0 && now - since >= keepaliveNanos) {
            return Verdict.KEEPALIVE_TIMEOUT;
        }
        return now - since >= headNanos ? Verdict.HEAD_TIMEOUT : Verdict.WAIT;
    }

    /**
     * When to check next: at the next deadline, and never further ahead than the keep-alive
     * time, so a response that ends in between (starting a wait whose keep-alive ends
     * earlier than the deadline already planned) is never checked late.
     */
    long nextCheck(long now) {
        long horizon = now + keepaliveNanos;
        if (busy > 0) {
            return horizon;
        }
        long since = waitingSince;
        long due = keptAlive && headBytes == 0 ? since + keepaliveNanos : since + headNanos;
        return Math.min(Math.max(due, now), horizon);
    }
}
