package org.phoneprov.acsd.cwmp;

import org.phoneprov.common.codec.PacketParseException;

/** An HTTP body that is not a CWMP SOAP envelope acsd will read; the handler answers 8003 or closes. */
public final class CwmpParseException extends PacketParseException {
    private static final long serialVersionUID = 1L;

    /** Why, as the counter and the {@code acsd.bad_envelope} log line name it. */
    public enum Reason { NOT_XML, DTD, TOO_LARGE, TOO_DEEP, NOT_SOAP, NOT_CWMP, BAD_RPC }

    private final Reason reason;

    public CwmpParseException(Reason reason, String detail) {
        super(reason, detail);
        this.reason = reason;
    }

    @Override
    public Reason reason() {
        return reason;
    }
}
