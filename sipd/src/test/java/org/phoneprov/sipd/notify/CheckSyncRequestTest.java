package org.phoneprov.sipd.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;

class CheckSyncRequestTest {

    private static SIPRequest parse(CheckSyncRequest r) throws Exception {
        return (SIPRequest) new StringMsgParser().parseSIPMessage(r.bytes(), true, false, null);
    }

    private static String header(SIPRequest m, String name) {
        return m.getHeader(name).toString().trim();
    }

    @Test
    void firstNotifyHasEverySeedHeader() throws Exception {
        CheckSyncRequest r = CheckSyncRequest.first(Fixtures.withPassword(), Fixtures.SOURCE, false);
        String text = new String(r.bytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("NOTIFY sip:201@192.0.2.50:5060 SIP/2.0\r\n"), text);
        assertTrue(text.endsWith("Content-Length: 0\r\n\r\n"), text);
        SIPRequest m = parse(r);
        assertEquals("NOTIFY", m.getMethod());
        assertEquals("sip:201@192.0.2.50:5060", r.requestUri());
        ViaHeader via = m.getTopmostViaHeader();
        assertEquals("192.0.2.11", via.getHost());
        assertEquals(5062, via.getPort());
        assertEquals("UDP", via.getTransport());
        assertTrue(via.getBranch().startsWith("z9hG4bK"), via.getBranch());
        assertEquals(r.branch(), via.getBranch());
        assertTrue(header(m, "Via").endsWith(";rport"), header(m, "Via"));
        assertEquals("Max-Forwards: 70", header(m, "Max-Forwards"));
        assertEquals("From: <sip:phoneprov@192.0.2.11>;tag=" + r.fromTag(), header(m, "From"));
        assertEquals("To: <sip:201@192.0.2.50:5060>", header(m, "To"));
        assertEquals(r.callId(), m.getCallId().getCallId());
        assertTrue(r.callId().endsWith("@192.0.2.11"), r.callId());
        assertEquals("CSeq: 1 NOTIFY", header(m, "CSeq"));
        assertEquals("Contact: <sip:phoneprov@192.0.2.11:5062>", header(m, "Contact"));
        assertEquals("Event: check-sync", header(m, "Event"));
        assertEquals("Subscription-State: terminated", header(m, "Subscription-State"));
        assertNull(m.getHeader("Authorization"));
        assertEquals(r.length(), r.bytes().length);
    }

    @Test
    void rebootGoesIntoTheEventHeader() throws Exception {
        CheckSyncRequest r = CheckSyncRequest.first(Fixtures.withPassword(), Fixtures.SOURCE, true);
        assertEquals("check-sync;reboot=true", r.event());
        assertEquals("Event: check-sync;reboot=true", header(parse(r), "Event"));
    }

    @Test
    void resyncDialectAndAPhoneWithoutLines() throws Exception {
        Target t = new Target(Fixtures.MAC, org.phoneprov.common.provision.Model.ST2030S, Fixtures.PHONE,
                Optional.empty(), Dialect.RESYNC);
        CheckSyncRequest r = CheckSyncRequest.first(t, Fixtures.SOURCE, true);
        SIPRequest m = parse(r);
        assertEquals("sip:phone@192.0.2.50:5060", m.getRequestURI().toString());
        assertEquals("Event: reboot", header(m, "Event"));
    }

    @Test
    void retryWithCredentialsKeepsTheDialogAndStartsANewTransaction() throws Exception {
        CheckSyncRequest first = CheckSyncRequest.first(Fixtures.withPassword(), Fixtures.SOURCE, false);
        String answer = "Digest username=\"201\", realm=\"r\", nonce=\"n\", uri=\"sip:201@192.0.2.50:5060\","
                + " response=\"0123456789abcdef0123456789abcdef\", qop=auth, nc=00000001, cnonce=\"c\"";
        CheckSyncRequest second = first.withCredentials(new CheckSyncRequest.Credentials("Proxy-Authorization",
                answer));
        assertEquals(first.callId(), second.callId());
        assertEquals(first.fromTag(), second.fromTag());
        assertEquals(2, second.cseq());
        assertNotEquals(first.branch(), second.branch());
        SIPRequest m = parse(second);
        assertEquals("CSeq: 2 NOTIFY", header(m, "CSeq"));
        assertEquals(second.branch(), m.getTopmostViaHeader().getBranch());
        String auth = header(m, "Proxy-Authorization");
        assertTrue(auth.contains("response=\"0123456789abcdef0123456789abcdef\""), auth);
        assertTrue(auth.contains("uri=\"sip:201@192.0.2.50:5060\""), auth);
    }

    @Test
    void idsAreFreshPerNotify() {
        CheckSyncRequest a = CheckSyncRequest.first(Fixtures.withPassword(), Fixtures.SOURCE, false);
        CheckSyncRequest b = CheckSyncRequest.first(Fixtures.withPassword(), Fixtures.SOURCE, false);
        assertNotEquals(a.callId(), b.callId());
        assertNotEquals(a.branch(), b.branch());
        assertNotEquals(a.fromTag(), b.fromTag());
    }
}
