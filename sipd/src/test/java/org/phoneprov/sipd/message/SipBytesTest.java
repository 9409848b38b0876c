package org.phoneprov.sipd.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.phoneprov.sipd.message.SipSamples.bytes;

import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipBytesTest {

    @Test
    void contentLengthCountsBytesNotCharacters() throws Exception {
        SIPRequest r = assertInstanceOf(SipParse.Request.class, SipParser.parse(bytes(SipSamples.SNOM))).message();
        byte[] body = "http://prov.example/ä/é".getBytes(StandardCharsets.UTF_8);
        r.setContent(body, new ContentType("application", "url"));
        byte[] wire = SipBytes.encode(r);
        String text = new String(wire, StandardCharsets.UTF_8);
        assertEquals(body.length, Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1")));
        SIPRequest back = assertInstanceOf(SipParse.Request.class, SipParser.parse(wire)).message();
        assertArrayEquals(body, back.getRawContent());
    }

    @Test
    void noBodyMeansContentLengthZeroAndTransportKept() {
        SIPRequest r = assertInstanceOf(SipParse.Request.class,
                SipParser.parse(bytes(SipSamples.SNOM.replace("Content-Length: 0\r\n", "").replace("SIP/2.0/UDP",
                        "SIP/2.0/TCP")))).message();
        String text = new String(SipBytes.encode(r), StandardCharsets.UTF_8);
        assertEquals(true, text.contains("\r\nContent-Length: 0\r\n\r\n"), text);
        assertEquals(true, text.contains("Via: SIP/2.0/TCP "), text);
    }
}
