package org.phoneprov.sipd.message;

/** Why a datagram was not handed on as a SIP message. */
public enum SipDrop {
    /** No bytes, or only the CRLFs of a keep-alive (RFC 5626 3.5.1; RFC 3261 7.5 lets them precede a message). */
    EMPTY,
    /** More than {@link SipParser#MAX_DATAGRAM} bytes; not parsed at all. */
    OVERSIZED,
    /** The first line is neither a Request-Line nor a Status-Line (RFC 3261 7.1, 7.2). */
    NOT_SIP,
    /** jain-sip refused it, e.g. a Content-Length longer than the datagram (RFC 3261 18.3). */
    MALFORMED,
    /** Call-ID, CSeq, From, To or Via is missing or unparseable, or CSeq names another method (RFC 3261 8.1.1, 8.2.2). */
    MISSING_HEADER
}
