package org.phoneprov.sipd.message;

import org.phoneprov.common.log.ReasonCounters;

/** SIP datagrams dropped before any decision, per {@link SipDrop}. */
public final class SipDropCounters extends ReasonCounters<SipDrop> {
    public SipDropCounters() {
        super(SipDrop.class);
    }
}
