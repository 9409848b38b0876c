package org.phoneprov.sipd.pnp;

import java.util.concurrent.atomic.LongAdder;
import org.phoneprov.sipd.message.SipDropCounters;

/** What the responder did with each datagram; thread-safe, shared by its channels. */
public final class PnpCounters {
    private final SipDropCounters drops = new SipDropCounters();
    private final PnpSilenceCounters silences = new PnpSilenceCounters();
    private final LongAdder answered = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder responses = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder notifyRetransmissions = new LongAdder();
    private final LongAdder notifyTimeouts = new LongAdder();
    private final LongAdder notifyUntracked = new LongAdder();
    private final LongAdder notifyAccepted = new LongAdder();
    private final LongAdder notifyRejected = new LongAdder();

    public SipDropCounters drops() {
        return drops;
    }

    public PnpSilenceCounters silences() {
        return silences;
    }

    public long answered() {
        return answered.sum();
    }

    public long refused() {
        return refused.sum();
    }

    /** Responses received (phones' 200 to our NOTIFY): consumed, nothing to do. */
    public long responses() {
        return responses.sum();
    }

    /** Requests whose handling failed unexpectedly (a bug, logged). */
    public long failed() {
        return failed.sum();
    }

    /** NOTIFYs sent again on Timer E (RFC 3261 17.1.2.2), each retransmission once. */
    public long notifyRetransmissions() {
        return notifyRetransmissions.sum();
    }

    /** NOTIFYs that Timer F ended without a final response: the phone never answered. */
    public long notifyTimeouts() {
        return notifyTimeouts.sum();
    }

    /** NOTIFYs sent once without retransmission because the pending table was full. */
    public long notifyUntracked() {
        return notifyUntracked.sum();
    }

    /** NOTIFYs the phone answered with a 2xx: it took the URL. */
    public long notifyAccepted() {
        return notifyAccepted.sum();
    }

    /** NOTIFYs the phone answered with a final status of 300 or more. */
    public long notifyRejected() {
        return notifyRejected.sum();
    }

    void countAnswered() {
        answered.increment();
    }

    void countRefused() {
        refused.increment();
    }

    void countResponse() {
        responses.increment();
    }

    void countFailure() {
        failed.increment();
    }

    void countRetransmissions(int n) {
        notifyRetransmissions.add(n);
    }

    void countTimeouts(int n) {
        notifyTimeouts.add(n);
    }

    void countUntracked() {
        notifyUntracked.increment();
    }

    /** The final response that ended a pending NOTIFY's transaction. */
    void countNotifyAnswer(int status) {
        (status < 300 ? notifyAccepted : notifyRejected).increment();
    }

    @Override
    public String toString() {
        return "answered=" + answered() + " refused=" + refused() + " responses=" + responses() + " failed=" + failed()
                + " notify_retransmissions=" + notifyRetransmissions() + " notify_timeouts=" + notifyTimeouts()
                + " notify_untracked=" + notifyUntracked() + " notify_accepted=" + notifyAccepted()
                + " notify_rejected=" + notifyRejected()
                + " drops={" + drops + "} silences={" + silences + "}";
    }
}
