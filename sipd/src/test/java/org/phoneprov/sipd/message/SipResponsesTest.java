package org.phoneprov.sipd.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.phoneprov.sipd.message.SipSamples.bytes;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SipResponsesTest {

    private static SIPRequest request(String text) {
        return assertInstanceOf(SipParse.Request.class, SipParser.parse(bytes(text))).message();
    }

    private static SIPResponse parsed(SIPResponse r) {
        return assertInstanceOf(SipParse.Response.class, SipParser.parse(SipBytes.encode(r))).message();
    }

    @Test
    void rportIsFilledAndReceivedAlwaysAdded() throws Exception {
        // RFC 3581 4: the phone sent from 1053 (NAT or a different source port); it learns both.
        SIPResponse r = parsed(SipResponses.to(request(SipSamples.SNOM), 200,
                new InetSocketAddress("192.168.10.67", 1053), "t1"));
        Via v = r.getTopmostVia();
        assertEquals(1053, v.getRPort());
        assertEquals("192.168.10.67", v.getReceived());
        assertNull(v.getBranch());
    }

    @Test
    void receivedOnlyWhenSentByDiffers() throws Exception {
        // RFC 3261 18.2.1
        SIPResponse same = parsed(SipResponses.to(request(SipSamples.AUDIOCODES), 200,
                new InetSocketAddress("10.13.2.37", 5060), "t1"));
        assertNull(same.getTopmostVia().getReceived());
        SIPResponse natted = parsed(SipResponses.to(request(SipSamples.AUDIOCODES), 200,
                new InetSocketAddress("10.13.9.9", 5060), "t1"));
        assertEquals("10.13.9.9", natted.getTopmostVia().getReceived());
        assertEquals("z9hG4bKac1182737", natted.getTopmostVia().getBranch());
    }

    @Test
    void toTagAddedButAnExistingOneKept() throws Exception {
        InetSocketAddress src = new InetSocketAddress("192.168.10.67", 5060);
        assertEquals("ours", SipResponses.to(request(SipSamples.SNOM), 489, src, "ours").getTo().getTag());
        String tagged = SipSamples.SNOM.replace("To: <sip:MAC%3a00135E874B49@intern.snom.de>",
                "To: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=theirs");
        assertEquals("theirs", SipResponses.to(request(tagged), 200, src, "ours").getTo().getTag());
    }

    @Test
    void everyViaIsCopiedInOrder() throws Exception {
        String twoVias = SipSamples.AUDIOCODES.replace("Max-Forwards: 70",
                "Via: SIP/2.0/UDP 10.13.0.1:5060;branch=z9hG4bKproxy\r\nMax-Forwards: 70");
        SIPResponse r = parsed(SipResponses.to(request(twoVias), 405, new InetSocketAddress("10.13.2.37", 5060), "x"));
        assertEquals(2, r.getViaHeaders().size());
        assertEquals("10.13.0.1", ((Via) r.getViaHeaders().get(1)).getHost());
    }

    @Test
    void ipv6SourceStampsBareAddress() throws Exception {
        String v6 = SipSamples.SNOM.replace("192.168.10.67:5060;rport", "[2001:db8::67]:5060;rport");
        SIPResponse r = parsed(SipResponses.to(request(v6), 200, new InetSocketAddress("2001:db8::67", 5062), "x"));
        assertEquals(5062, r.getTopmostVia().getRPort());
        assertEquals("2001:db8:0:0:0:0:0:67", r.getTopmostVia().getReceived().replace("[", "").replace("]", ""));
    }
}
