package org.phoneprov.dhcpd.codec;

import org.phoneprov.common.codec.PacketParseException;

/** A packet {@link DhcpDecoder} refused, with the {@link Malformation} that made it refuse. */
public final class DhcpParseException extends PacketParseException {
    private static final long serialVersionUID = 1L;

    private final Malformation reason;

    public DhcpParseException(Malformation reason, String detail) {
        super(reason, detail);
        this.reason = reason;
    }

    @Override
    public Malformation reason() {
        return reason;
    }
}
