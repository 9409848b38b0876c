package org.phoneprov.sipd.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JainSipGuardTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLineEndingInAnEscapeNeverReachesJainSip() {
        // fuzz/findings: this 59-byte datagram made jain-sip append until the heap was gone.
        String killer = "SUBSCRIBE sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1 (\\\r\n\r\n";
        assertTrue(JainSipGuard.refuse(b(killer)).isPresent());
        assertTrue(JainSipGuard.refuse(b("Via: SIP/2.0/UDP h (a\\  \t\r\n")).isPresent(), "blanks after it do not help");
        assertTrue(JainSipGuard.refuse(b("X: a\\\\\\")).isPresent(), "an odd run at the very end");
        assertTrue(JainSipGuard.refuse(b("X: a\\\\\r\n")).isEmpty(), "an escaped backslash is whole");
        // A second one: the escape swallows the CR, then any byte, then the line ends.
        assertTrue(JainSipGuard.refuse(b("SIP/2.0 200 OK\r\nVia: SIP/2.0DP/U 10.0.0.1 (\\\r\u00ff\r\n")).isPresent());
        assertTrue(JainSipGuard.refuse(b("v : SIP/2.0/UDP h;x=\\a\r\n")).isPresent(), "compact form too");
        assertTrue(JainSipGuard.refuse(b("Via: SIP/2.0/UDP h\r\n  ;x=\\a\r\n")).isPresent(), "folded line too");
        assertTrue(JainSipGuard.refuse(b("Subject: a\\b c\r\n")).isEmpty(), "other headers may hold escapes");
        SipParse p = SipParser.parse(b(killer));
        assertTrue(p instanceof SipParse.Dropped d && d.reason() == SipDrop.MALFORMED, p.toString());
    }

    @Test
    void aViaRportThatIsNotAPortIsRefusedBeforeAnyAnswerIsBuilt() {
        String sub = "SUBSCRIBE sip:MAC%3a000413a1b2c3@224.0.1.75 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.77.5.5:5060;rport=x\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c1\r\nCSeq: 1 SUBSCRIBE\r\n"
                + "Event: ua-profile;profile-type=\"device\";vendor=\"snom\"\r\nContent-Length: 0\r\n\r\n";
        SipParse p = SipParser.parse(b(sub));
        assertTrue(p instanceof SipParse.Dropped d && d.detail().contains("rport"), p.toString());
        SipParse ok = SipParser.parse(b(sub.replace("rport=x", "rport")));
        assertTrue(ok instanceof SipParse.Request, ok.toString());
        assertEquals(SipParse.Request.class, SipParser.parse(b(sub.replace("rport=x", "rport=5060"))).getClass());
    }
}
