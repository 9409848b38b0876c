package org.phoneprov.sipd.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestChallenge;

class NotifyResponseTest {

    static String response(String statusLine, String branch, String callId, String cseq, String... extra) {
        StringBuilder b = new StringBuilder("SIP/2.0 " + statusLine + "\r\n")
                .append("Via: SIP/2.0/UDP 192.0.2.11:5062;branch=").append(branch).append(";rport=5062\r\n")
                .append("From: <sip:phoneprov@192.0.2.11>;tag=abc\r\n")
                .append("To: <sip:201@192.0.2.50:5060>;tag=phone1\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append("\r\n");
        for (String e : extra) {
            b.append(e).append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static Optional<NotifyResponse> parse(String s) throws ParseException {
        return NotifyResponse.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void okResponse() throws Exception {
        NotifyResponse r = parse(response("200 OK", "z9hG4bKx1", "c1@192.0.2.11", "7 NOTIFY")).orElseThrow();
        assertEquals(new NotifyResponse(200, "OK", "z9hG4bKx1", "c1@192.0.2.11", 7, "NOTIFY", List.of()), r);
        assertEquals("200 OK", r.statusLine());
    }

    @Test
    void challengesOfA401AndA407() throws Exception {
        NotifyResponse r = parse(response("401 Unauthorized", "z9hG4bKx1", "c1", "1 NOTIFY",
                "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\", qop=\"auth,auth-int\", algorithm=SHA-256",
                "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n2\", algorithm=MD5")).orElseThrow();
        assertEquals(2, r.challenges().size());
        DigestChallenge best = DigestChallenge.strongest(r.challenges()).orElseThrow();
        assertEquals(DigestChallenge.Algorithm.SHA_256, best.algorithm());
        assertEquals(List.of("auth", "auth-int"), best.qop());
        assertEquals("n1", best.nonce());
        NotifyResponse p = parse(response("407 Proxy Authentication Required", "z9hG4bKx1", "c1", "1 NOTIFY",
                "Proxy-Authenticate: Digest realm=\"proxy\", nonce=\"n3\"")).orElseThrow();
        assertEquals("n3", DigestChallenge.strongest(p.challenges()).orElseThrow().nonce());
    }

    @Test
    void requestsAndKeepAlivesAreNotResponses() throws Exception {
        assertEquals(Optional.empty(), parse("OPTIONS sip:phoneprov@192.0.2.11 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.50;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
                + "Call-ID: 1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(Optional.empty(), parse("\r\n\r\n"));
    }

    @Test
    void garbageIsAParseException() {
        assertThrows(ParseException.class, () -> parse("hello there\r\n\r\n"));
        assertThrows(ParseException.class, () -> NotifyResponse.parse(new byte[] {1, 2, 3, (byte) 0xFF}));
        assertThrows(ParseException.class, () -> parse("SIP/2.0 abc\r\n\r\n"));
    }

    @Test
    void missingHeadersBecomeEmptyValuesThatMatchNothing() throws Exception {
        NotifyResponse r = parse("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n").orElseThrow();
        assertEquals(new NotifyResponse(200, "OK", "", "", -1, "", List.of()), r);
    }
}
