package org.phoneprov.phonesim.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Map;
import javax.sip.InvalidArgumentException;

/**
 * Builds the phone's responses with jain-sip: Via, From, To, Call-ID and CSeq copied from
 * the request (RFC 3261 8.2.6.2), a To tag added, extra headers, no body.
 */
final class SipAnswers {
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final SecureRandom random = new SecureRandom();

    /** Wire bytes of the response; extra headers in the map's order. */
    byte[] answer(SIPRequest request, int status, Map<String, String> extra) throws ParseException {
        SIPResponse r = request.createResponse(status);
        if (r.getTo().getTag() == null) {
            byte[] b = new byte[6];
            random.nextBytes(b);
            r.getTo().setTag(HexFormat.of().formatHex(b));
        }
        for (Map.Entry<String, String> h : extra.entrySet()) {
            r.addHeader(headers.createHeader(h.getKey(), h.getValue()));
        }
        try {
            r.setContentLength(headers.createContentLengthHeader(0));
        } catch (InvalidArgumentException e) {
            throw new AssertionError("0 is a valid Content-Length", e);
        }
        return r.encodeAsBytes("UDP");
    }
}
