package org.phoneprov.sipd.message;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.message.SIPMessage;
import javax.sip.header.ViaHeader;

/** A built message → the bytes of one datagram. */
public final class SipBytes {
    private SipBytes() {
    }

    /**
     * The body goes out as its raw bytes and Content-Length is set from them here, so a
     * non-ASCII URL can never make the length disagree with the body (RFC 3261 18.3: a
     * receiver discards a UDP message whose Content-Length exceeds the body).
     */
    public static byte[] encode(SIPMessage m) {
        byte[] body = m.getRawContent();
        m.setContentLength(new ContentLength(body == null ? 0 : body.length));
        // encodeAsBytes rewrites the top Via's transport to the one passed: pass its own.
        ViaHeader top = m.getTopmostViaHeader();
        return m.encodeAsBytes(top == null ? "UDP" : top.getTransport());
    }
}
