package org.phoneprov.sipd.pnp;

import org.phoneprov.common.log.ReasonCounters;

/** Requests left unanswered, per {@link PnpSilence}. */
public final class PnpSilenceCounters extends ReasonCounters<PnpSilence> {
    public PnpSilenceCounters() {
        super(PnpSilence.class);
    }
}
