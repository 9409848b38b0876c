package org.phoneprov.dhcpd.codec;

import org.phoneprov.common.log.ReasonCounters;

/** DHCP packets dropped as malformed, per {@link Malformation}. */
public final class DropCounters extends ReasonCounters<Malformation> {
    public DropCounters() {
        super(Malformation.class);
    }
}
