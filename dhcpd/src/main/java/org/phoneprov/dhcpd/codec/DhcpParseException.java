package org.phoneprov.dhcpd.codec;

import io.netty.handler.codec.CorruptedFrameException;

/** A packet {@link DhcpDecoder} refused, with the {@link Malformation} that made it refuse. */
public final class DhcpParseException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    private final Malformation reason;
    private final String detail;

    public DhcpParseException(Malformation reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    public Malformation reason() {
        return reason;
    }

    /** What exactly was wrong, for the log line, e.g. {@code option 50 has 3 bytes, must be exactly 4}. */
    public String detail() {
        return detail;
    }

    /** No stack trace: a malformed packet is input, not a bug, and floods must stay cheap. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
