package org.phoneprov.tftpd.codec;

import org.phoneprov.common.log.ReasonCounters;

/** TFTP packets dropped as malformed, per {@link Malformation}. */
public final class TftpDropCounters extends ReasonCounters<Malformation> {
    public TftpDropCounters() {
        super(Malformation.class);
    }
}
