package org.phoneprov.tftpd.codec;

import org.phoneprov.common.codec.PacketParseException;

/**
 * A packet {@link TftpDecoder} refused, with the {@link Malformation} that made it refuse.
 * Its {@link #detail()} is printable ASCII, e.g. {@code mode "mail"}: client bytes are
 * quoted, so it is safe for a log line and an ERROR packet.
 */
public final class TftpParseException extends PacketParseException {
    private static final long serialVersionUID = 1L;

    private final Malformation reason;

    public TftpParseException(Malformation reason, String detail) {
        super(reason, detail);
        this.reason = reason;
    }

    @Override
    public Malformation reason() {
        return reason;
    }
}
