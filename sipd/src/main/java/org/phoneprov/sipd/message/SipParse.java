package org.phoneprov.sipd.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

/** What one datagram turned out to be: a request, a response, or a drop with its reason. */
public sealed interface SipParse {

    /** A request with Call-ID, CSeq (of its own method), From, To and at least one Via. */
    record Request(SIPRequest message) implements SipParse {
    }

    /** A response with Call-ID, CSeq, From, To and at least one Via. */
    record Response(SIPResponse message) implements SipParse {
    }

    /**
     * @param detail a short, printable note for the log line (never client bytes beyond a few characters)
     */
    record Dropped(SipDrop reason, String detail) implements SipParse {
    }
}
