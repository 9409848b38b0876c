package org.phoneprov.tftpd.codec;

import io.netty.handler.codec.CorruptedFrameException;

/** A packet {@link TftpDecoder} refused, with the {@link Malformation} that made it refuse. */
public final class TftpParseException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    private final Malformation reason;
    private final String detail;

    public TftpParseException(Malformation reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    public Malformation reason() {
        return reason;
    }

    /** What exactly was wrong, printable ASCII, e.g. {@code mode "mail"}; safe for a log line. */
    public String detail() {
        return detail;
    }

    /** No stack trace: a malformed packet is input, not a bug, and floods must stay cheap. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
