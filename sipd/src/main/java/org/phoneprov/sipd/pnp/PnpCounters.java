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

    @Override
    public String toString() {
        return "answered=" + answered() + " refused=" + refused() + " responses=" + responses() + " failed=" + failed()
                + " drops={" + drops + "} silences={" + silences + "}";
    }
}
