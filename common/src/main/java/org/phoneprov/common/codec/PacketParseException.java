package org.phoneprov.common.codec;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A datagram a daemon's codec refused: the codec throws it, the pipeline counts it under
 * {@link #reason()} and drops it (DESIGN: "the codec throws CorruptedFrameException").
 * One base for every codec, each with its own reason enum: Java allows no generic
 * throwable, so a subclass narrows {@link #reason()} to its enum.
 */
public abstract class PacketParseException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    protected PacketParseException(Enum<?> reason, String detail) {
        super(reason + ": " + detail);
        this.detail = detail;
    }

    /** Why, as the counter and the {@code *.drop} log line name it. */
    public abstract Enum<?> reason();

    /** What exactly was wrong, for the log line, e.g. {@code option 50 has 3 bytes, must be exactly 4}. */
    public final String detail() {
        return detail;
    }

    /** No stack trace: a malformed packet is input, not a bug, and floods must stay cheap. */
    @Override
    public final synchronized Throwable fillInStackTrace() {
        return this;
    }
}
