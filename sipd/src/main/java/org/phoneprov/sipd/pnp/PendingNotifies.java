package org.phoneprov.sipd.pnp;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;

/**
 * The NOTIFYs sent over UDP that still await a response: each is a non-INVITE client
 * transaction (RFC 3261 17.1.2) whose request is retransmitted on Timer E until a
 * response arrives or Timer F ends it. Time is passed in, nothing is sent from here: the
 * caller sends what {@link #due} returns.
 *
 * <p>Timer E is kept as one deadline per entry in a heap, not a timer object per
 * NOTIFY, because a boot storm sends thousands a second. An entry that ends (final
 * response) stays in the heap, marked done, until its deadline comes up: removing it
 * from the middle of the heap costs a scan, and a dead node lives at most T2.
 *
 * <p>Single-threaded by contract: the sipd event loop, like {@link PnpDecision}.
 */
public final class PendingNotifies {
    /** RFC 3261 17.1.2.2, Table 4: the RTT estimate, Timer E's first value. */
    public static final long T1_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** RFC 3261 17.1.2.2, Table 4: the cap on Timer E, and its value once Proceeding. */
    public static final long T2_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** RFC 3261 17.1.2.2, Table 4: Timer F = 64*T1, the transaction timeout. */
    public static final long TIMER_F_NANOS = 64 * T1_NANOS;
    /** 32 s of NOTIFYs at 5,000/s would be 160,000; past the bound a NOTIFY is sent once. */
    public static final int DEFAULT_MAX_PENDING = 20_000;

    /** A NOTIFY to send again now. */
    public record Resend(byte[] datagram, InetSocketAddress to) {
    }

    /** A NOTIFY that Timer F ended with no final response: the phone never answered. */
    public record Expired(String callId, InetSocketAddress to, int transmissions) {
    }

    /** What one call to {@link #due} found. */
    public record Due(List<Resend> resend, List<Expired> expired) {
        public boolean isEmpty() {
            return resend.isEmpty() && expired.isEmpty();
        }
    }

    /** Call-ID and CSeq number: the fallback match for phones that mangle our branch. */
    private record DialogKey(String callId, long cseq) {
    }

    private static final class Entry {
        final String branch;
        final DialogKey dialog;
        final InetSocketAddress to;
        final long timerF;
        byte[] datagram;
        long deadline;
        long interval = T1_NANOS;
        boolean proceeding;
        boolean done;
        int transmissions = 1;

        Entry(String branch, DialogKey dialog, byte[] datagram, InetSocketAddress to, long now) {
            this.branch = branch;
            this.dialog = dialog;
            this.datagram = datagram;
            this.to = to;
            this.deadline = now + T1_NANOS;
            this.timerF = now + TIMER_F_NANOS;
        }
    }

    private final int maxPending;
    private final Map<String, Entry> byBranch = new HashMap<>();
    private final Map<DialogKey, Entry> byDialog = new HashMap<>();
    // Wrap-safe order: nanoTime values are compared by difference, never directly.
    private final PriorityQueue<Entry> timers = new PriorityQueue<>((a, b) -> Long.signum(a.deadline - b.deadline));

    public PendingNotifies(int maxPending) {
        if (maxPending < 0) {
            throw new IllegalArgumentException("maxPending < 0");
        }
        this.maxPending = maxPending;
    }

    public PendingNotifies() {
        this(DEFAULT_MAX_PENDING);
    }

    /**
     * Starts tracking a NOTIFY just sent for the first time.
     *
     * @return false when the table is full: the NOTIFY then goes out once, untracked
     */
    public boolean add(String branch, String callId, long cseq, byte[] datagram, InetSocketAddress to,
                       long nowNanos) {
        String key = branchKey(branch);
        if (key == null) {
            throw new IllegalArgumentException("a NOTIFY we send always has a branch");
        }
        Entry old = byBranch.get(key);
        if (old != null) {
            finish(old); // a reused branch is a new transaction; the old one can no longer be told apart
        }
        if (byBranch.size() >= maxPending) {
            return false;
        }
        Entry e = new Entry(key, new DialogKey(callId, cseq), datagram, to, nowNanos);
        byBranch.put(key, e);
        // A later NOTIFY with the same Call-ID and CSeq (a repeated SUBSCRIBE) takes the fallback key;
        // the earlier one is still matched by its branch.
        byDialog.put(e.dialog, e);
        timers.add(e);
        return true;
    }

    /** RFC 3261 17.1.3 matching, with the Call-ID + CSeq fallback; only responses to NOTIFY count. */
    public boolean onResponse(SIPResponse response, long nowNanos) {
        if (response.getCSeq() == null || !Request.NOTIFY.equals(response.getCSeq().getMethod())
                || response.getCallId() == null) {
            return false;
        }
        Via via = response.getTopmostVia();
        return onResponse(via == null ? null : via.getBranch(), response.getCallId().getCallId(),
                response.getCSeq().getSeqNumber(), response.getStatusCode(), nowNanos);
    }

    /**
     * A response to a NOTIFY (the caller checked the CSeq method). 1xx: Proceeding, Timer E
     * becomes T2 from its next firing (RFC 3261 17.1.2.2); 200 and above: the transaction
     * ends. There is no Completed state (Timer K): a retransmitted final response matches
     * nothing and is only counted by the caller.
     *
     * @param nowNanos unused while there is no Completed state; kept so one can be added without new callers
     * @return whether it matched a pending NOTIFY
     */
    public boolean onResponse(String branch, String callId, long cseq, int status, long nowNanos) {
        String key = branchKey(branch);
        Entry e = key == null ? null : byBranch.get(key);
        if (e == null) {
            e = byDialog.get(new DialogKey(callId, cseq));
        }
        if (e == null) {
            return false;
        }
        if (status >= 200) {
            finish(e);
        } else {
            e.proceeding = true;
        }
        return true;
    }

    /**
     * Fires every Timer E and Timer F that is due: the NOTIFYs to send again (their next
     * deadlines already set) and the ones that timed out (already removed).
     */
    public Due due(long nowNanos) {
        List<Resend> resend = List.of();
        List<Expired> expired = List.of();
        while (!timers.isEmpty()) {
            Entry e = timers.peek();
            if (e.done) {
                timers.poll();
                continue;
            }
            if (e.deadline - nowNanos > 0) {
                break;
            }
            timers.poll();
            if (nowNanos - e.timerF >= 0) {
                if (expired.isEmpty()) {
                    expired = new ArrayList<>();
                }
                expired.add(new Expired(e.dialog.callId(), e.to, e.transmissions));
                finish(e);
                continue;
            }
            if (resend.isEmpty()) {
                resend = new ArrayList<>();
            }
            resend.add(new Resend(e.datagram, e.to));
            e.transmissions++;
            // Trying: MIN(2*interval, T2); Proceeding: T2 (RFC 3261 17.1.2.2). Reset from now, as a timer
            // reset when it fires; never past Timer F, so the timeout is reported on time.
            e.interval = e.proceeding ? T2_NANOS : Math.min(2 * e.interval, T2_NANOS);
            long next = nowNanos + e.interval;
            e.deadline = next - e.timerF > 0 ? e.timerF : next;
            timers.add(e);
        }
        return new Due(resend, expired);
    }

    /** When {@link #due} next has something to do, or {@link Long#MAX_VALUE} when nothing is pending. */
    public long nextDeadline() {
        while (!timers.isEmpty() && timers.peek().done) {
            timers.poll();
        }
        return timers.isEmpty() ? Long.MAX_VALUE : timers.peek().deadline;
    }

    /** NOTIFYs awaiting a response. */
    public int size() {
        return byBranch.size();
    }

    /** Forgets everything (the server is closing). */
    public void clear() {
        byBranch.clear();
        byDialog.clear();
        timers.clear();
    }

    private void finish(Entry e) {
        e.done = true;
        e.datagram = null; // the bytes are the bulk of an entry; free them now, not when the heap drops it
        byBranch.remove(e.branch, e);
        byDialog.remove(e.dialog, e);
    }

    /** RFC 3261 7.3.1: parameter values compare case-insensitively unless stated otherwise. */
    private static String branchKey(String branch) {
        return branch == null || branch.isEmpty() ? null : branch.toLowerCase(Locale.ROOT);
    }
}
