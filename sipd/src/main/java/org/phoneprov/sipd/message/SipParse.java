package org.phoneprov.sipd.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

/** What one datagram turned out to be: a request, a response, or a drop with its reason. */
public sealed interface SipParse {

    /** A request or a response: what {@link SipDatagramDecoder} hands on. */
    sealed interface Message extends SipParse permits Request, Response {
    }

    /** A request with Call-ID, CSeq (of its own method), From, To and at least one Via. */
    record Request(SIPRequest message) implements Message {
    }

    /** A response with Call-ID, CSeq, From, To and at least one Via. */
    record Response(SIPResponse message) implements Message {
    }

    /**
     * @param detail a short, printable note for the log line (never client bytes beyond a few characters)
     */
    record Dropped(SipDrop reason, String detail) implements SipParse {
    }
}
