package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.sipd.pnp.PnpFixtures.request;
import static org.phoneprov.sipd.pnp.PnpFixtures.snomWithEvent;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.SubscriptionStateHeader;
import org.junit.jupiter.api.Test;
import org.phoneprov.sipd.message.SipHeaders;
import org.phoneprov.sipd.message.SipParse;
import org.phoneprov.sipd.message.SipParser;
import org.phoneprov.sipd.message.SipSamples;

class PnpRepliesTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.168.10.1", 5060);
    private static final InetSocketAddress SNOM_PHONE = new InetSocketAddress("192.168.10.67", 5060);
    private static final String SNOM_URL = "http://10.77.0.1/snom/00135e874b49.xml";

    private final PnpReplies replies = new PnpReplies(new Random(6080));

    private static SIPResponse response(byte[] b) {
        SipParse p = SipParser.parse(b);
        return assertInstanceOf(SipParse.Response.class, p, () -> p + "\n" + text(b)).message();
    }

    private static SIPRequest notifyOf(byte[] b) {
        SipParse p = SipParser.parse(b);
        return assertInstanceOf(SipParse.Request.class, p, () -> p + "\n" + text(b)).message();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void snomOkAcceptsAndEndsTheSubscription() throws Exception {
        SIPRequest sub = request(SipSamples.SNOM);
        PnpReplies.Exchange x = replies.answer(sub, SNOM_URL, SNOM_PHONE, LOCAL);
        SIPResponse ok = response(x.ok());
        assertEquals(200, ok.getStatusCode());
        assertEquals("658512961", ok.getFrom().getTag());
        assertNotNull(ok.getTo().getTag());
        assertEquals(sub.getTo().getAddress().getURI().toString(), ok.getTo().getAddress().getURI().toString());
        assertEquals("1930770594@192.168.10.67", ok.getCallId().getCallId());
        assertEquals(1L, ok.getCSeq().getSeqNumber());
        assertEquals("SUBSCRIBE", ok.getCSeq().getMethod());
        assertEquals(0, ((ExpiresHeader) ok.getHeader(ExpiresHeader.NAME)).getExpires());
        assertEquals("sip:192.168.10.1:5060",
                ((ContactHeader) ok.getHeader(ContactHeader.NAME)).getAddress().getURI().toString());
        assertEquals(0, ok.getContentLength().getContentLength());
        Via via = ok.getTopmostVia();
        assertEquals("192.168.10.67", via.getHost());
        assertEquals(5060, via.getRPort(), "RFC 3581: rport filled in");
        assertEquals("192.168.10.67", via.getReceived(), "RFC 3581: received added with rport");
        assertNull(via.getBranch(), "the phone's branchless Via is copied as it was");
    }

    @Test
    void snomNotifyIsInTheSameDialogWithTheUrl() throws Exception {
        SIPRequest sub = request(SipSamples.SNOM);
        PnpReplies.Exchange x = replies.answer(sub, SNOM_URL, SNOM_PHONE, LOCAL);
        SIPResponse ok = response(x.ok());
        SIPRequest n = notifyOf(x.notifyRequest());
        assertEquals("NOTIFY", n.getMethod());
        assertEquals("sip:192.168.10.67:5060", n.getRequestURI().toString(), "the SUBSCRIBE's Contact");
        assertEquals(ok.getTo().getTag(), n.getFrom().getTag(), "our tag, as in the 200");
        assertEquals(sub.getTo().getAddress().getURI().toString(), n.getFrom().getAddress().getURI().toString());
        assertEquals("658512961", n.getTo().getTag(), "the phone's tag");
        assertEquals(sub.getFrom().getAddress().getURI().toString(), n.getTo().getAddress().getURI().toString());
        assertEquals("1930770594@192.168.10.67", n.getCallId().getCallId());
        assertEquals(1L, n.getCSeq().getSeqNumber());
        assertEquals("NOTIFY", n.getCSeq().getMethod());
        assertEquals(70, ((MaxForwardsHeader) n.getHeader(MaxForwardsHeader.NAME)).getMaxForwards());
        Via via = n.getTopmostVia();
        assertEquals("192.168.10.1", via.getHost());
        assertEquals(5060, via.getPort());
        assertTrue(via.getBranch().startsWith("z9hG4bK"), via.getBranch());
        assertTrue(via.hasParameter("rport"));
        assertEquals("sip:192.168.10.1:5060",
                ((ContactHeader) n.getHeader(ContactHeader.NAME)).getAddress().getURI().toString());
        assertEquals(SipHeaders.value(sub, SipHeaders.EVENT), SipHeaders.value(n, SipHeaders.EVENT));
        SubscriptionStateHeader state = (SubscriptionStateHeader) n.getHeader(SubscriptionStateHeader.NAME);
        assertEquals("terminated", state.getState());
        assertEquals("timeout", state.getReasonCode());
        ContentTypeHeader ct = (ContentTypeHeader) n.getHeader(ContentTypeHeader.NAME);
        assertEquals("application/url", ct.getContentType() + "/" + ct.getContentSubType());
        assertEquals(SNOM_URL.length(), n.getContentLength().getContentLength());
        assertEquals(SNOM_URL, new String(n.getRawContent(), StandardCharsets.UTF_8));
        String wire = text(x.notifyRequest());
        assertTrue(wire.contains("\r\nSubscription-State: terminated;reason=timeout\r\n"), wire);
        assertTrue(wire.contains("\r\nContent-Type: application/url\r\n"), wire);
        assertTrue(wire.endsWith("\r\n\r\n" + SNOM_URL), wire);
    }

    @Test
    void audioCodesExampleAsTheVendorDocumentsIt() throws Exception {
        SIPRequest sub = request(SipSamples.AUDIOCODES);
        InetSocketAddress phone = new InetSocketAddress("10.13.2.37", 5060);
        PnpReplies.Exchange x = replies.answer(sub, "tftp://10.13.4.121", phone,
                new InetSocketAddress("10.13.4.121", 5060));
        SIPResponse ok = response(x.ok());
        assertEquals("1c1182737", ok.getFrom().getTag());
        assertEquals("z9hG4bKac1182737", ok.getTopmostVia().getBranch());
        assertNull(ok.getTopmostVia().getReceived(), "sent-by is the source: no received (RFC 3261 18.2.1)");
        SIPRequest n = notifyOf(x.notifyRequest());
        assertEquals("sip:00000001@10.13.2.37:5060", n.getRequestURI().toString());
        assertEquals("sip:224.0.1.75:5060", n.getFrom().getAddress().getURI().toString());
        assertEquals(ok.getTo().getTag(), n.getFrom().getTag());
        assertEquals("ua-profile;profile-type=\"application\";model=\"440HD\";version=\"2.2.2\"",
                SipHeaders.value(n, SipHeaders.EVENT).orElseThrow());
        assertEquals("tftp://10.13.4.121", new String(n.getRawContent(), StandardCharsets.UTF_8));
        assertEquals(18, n.getContentLength().getContentLength());
    }

    @Test
    void withoutContactTheNotifyTargetsTheSource() throws Exception {
        SIPRequest sub = request(SipSamples.SNOM.replaceFirst("Contact: [^\r]*\r\n", ""));
        InetSocketAddress phone = new InetSocketAddress("192.168.10.67", 1053);
        SIPRequest n = notifyOf(replies.answer(sub, SNOM_URL, phone, LOCAL).notifyRequest());
        assertEquals("sip:192.168.10.67:1053", n.getRequestURI().toString());
        assertEquals(1053, response(replies.answer(sub, SNOM_URL, phone, LOCAL).ok()).getTopmostVia().getRPort());
    }

    @Test
    void aResubscribeKeepsTheDialogTag() throws Exception {
        SIPRequest sub = request(SipSamples.SNOM.replace("To: <sip:MAC%3a00135E874B49@intern.snom.de>",
                "To: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=earlier"));
        PnpReplies.Exchange x = replies.answer(sub, SNOM_URL, SNOM_PHONE, LOCAL);
        assertEquals("earlier", response(x.ok()).getTo().getTag());
        assertEquals("earlier", notifyOf(x.notifyRequest()).getFrom().getTag());
    }

    @Test
    void freshTagsAndBranchesEachTime() throws Exception {
        SIPRequest sub = request(SipSamples.SNOM);
        SIPRequest a = notifyOf(replies.answer(sub, SNOM_URL, SNOM_PHONE, LOCAL).notifyRequest());
        SIPRequest b = notifyOf(replies.answer(sub, SNOM_URL, SNOM_PHONE, LOCAL).notifyRequest());
        assertNotEquals(a.getFrom().getTag(), b.getFrom().getTag());
        assertNotEquals(a.getTopmostVia().getBranch(), b.getTopmostVia().getBranch());
    }

    @Test
    void anEventJainSipCouldNotParseIsCopiedVerbatim() throws Exception {
        String raw = "ua-profile;profile-type=device;vendor=OEM;model=Yealink T46S;version=1.2/3";
        SIPRequest sub = request(snomWithEvent(raw));
        SIPRequest n = notifyOf(replies.answer(sub, SNOM_URL, SNOM_PHONE, LOCAL).notifyRequest());
        assertEquals(raw, SipHeaders.value(n, SipHeaders.EVENT).orElseThrow());
    }

    @Test
    void compactSubscribeGetsFullHeaders() throws Exception {
        SIPRequest sub = request(SipSamples.YEALINK_COMPACT);
        InetSocketAddress phone = new InetSocketAddress("192.168.10.80", 5059);
        PnpReplies.Exchange x = replies.answer(sub, "http://x/", phone, LOCAL);
        assertEquals("z9hG4bK1122", response(x.ok()).getTopmostVia().getBranch());
        SIPRequest n = notifyOf(x.notifyRequest());
        assertEquals("sip:192.168.10.80:5059", n.getRequestURI().toString());
        assertEquals("1357@192.168.10.80", n.getCallId().getCallId());
    }

    @Test
    void nonAsciiUrlHasAByteCountContentLength() throws Exception {
        String url = "http://prov.example/téléphone/ä";
        SIPRequest n = notifyOf(replies.answer(request(SipSamples.SNOM), url, SNOM_PHONE, LOCAL).notifyRequest());
        byte[] body = url.getBytes(StandardCharsets.UTF_8);
        assertEquals(body.length, n.getContentLength().getContentLength());
        assertArrayEquals(body, n.getRawContent());
    }

    @Test
    void ipv6LocalAndSource() throws Exception {
        SIPRequest sub = request(SipSamples.SNOM.replaceFirst("Contact: [^\r]*\r\n", ""));
        PnpReplies.Exchange x = replies.answer(sub, SNOM_URL, new InetSocketAddress("2001:db8::67", 5060),
                new InetSocketAddress("2001:db8::1", 5060));
        SIPRequest n = notifyOf(x.notifyRequest());
        assertEquals("sip:[2001:db8:0:0:0:0:0:67]:5060", n.getRequestURI().toString());
        assertTrue(n.getTopmostVia().getHost().contains("2001:db8"), n.getTopmostVia().getHost());
    }

    @Test
    void refusalsCarryAllowOrAllowEvents() throws Exception {
        SIPRequest options = request(SipSamples.SNOM.replace("SUBSCRIBE sip:", "OPTIONS sip:")
                .replace("CSeq: 1 SUBSCRIBE", "CSeq: 1 OPTIONS"));
        byte[] b405 = replies.refuse(options, PnpRefusal.METHOD_NOT_ALLOWED, SNOM_PHONE);
        SIPResponse r405 = response(b405);
        assertEquals(405, r405.getStatusCode());
        assertEquals("OPTIONS", r405.getCSeq().getMethod());
        assertNotNull(r405.getTo().getTag(), "RFC 3261 8.2.6.2");
        assertTrue(text(b405).matches("(?s).*\r\nAllow: SUBSCRIBE, ?NOTIFY\r\n.*"), text(b405));

        byte[] b489 = replies.refuse(request(snomWithEvent("presence")), PnpRefusal.BAD_EVENT, SNOM_PHONE);
        SIPResponse r489 = response(b489);
        assertEquals(489, r489.getStatusCode());
        assertEquals("ua-profile", SipHeaders.value(r489, SipHeaders.ALLOW_EVENTS).orElseThrow());
        assertEquals(5060, r489.getTopmostVia().getRPort());
    }
}
