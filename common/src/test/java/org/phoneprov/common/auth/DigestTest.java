package org.phoneprov.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestChallenge.Algorithm;

class DigestTest {

    /** RFC 2617 section 3.5. */
    @Test
    void rfc2617WorkedExample() {
        DigestChallenge c = DigestChallenge.parse("Digest\r\n realm=\"testrealm@host.com\",\r\n qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
                .orElseThrow();
        assertEquals(Algorithm.MD5, c.algorithm());
        assertFalse(c.algorithmNamed());
        assertEquals(List.of("auth", "auth-int"), c.qop());
        assertEquals(Optional.of("auth"), c.chosenQop());
        String header = DigestAnswer.authorization(c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
                "0a4f113b");
        assertEquals("Digest username=\"Mufasa\", realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\","
                + " response=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\","
                + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth, nc=00000001", header);
    }

    /** RFC 7616 section 3.9.1: the same exchange with SHA-256, and with MD5. */
    @Test
    void rfc7616Sha256Example() {
        String challenge = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=%s,"
                + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        DigestChallenge sha = DigestChallenge.parse(String.format(challenge, "SHA-256")).orElseThrow();
        DigestChallenge md5 = DigestChallenge.parse(String.format(challenge, "MD5")).orElseThrow();
        // Both offered: the strongest is answered (RFC 8760 2.4).
        assertEquals(sha, DigestChallenge.strongest(List.of(String.format(challenge, "MD5"),
                String.format(challenge, "SHA-256"))).orElseThrow());
        String a = DigestAnswer.authorization(sha, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce);
        assertTrue(a.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""), a);
        assertTrue(a.contains("algorithm=SHA-256"), a);
        assertTrue(a.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""), a);
        assertTrue(a.contains("qop=auth, nc=00000001"), a);
        String m = DigestAnswer.authorization(md5, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce);
        assertTrue(m.contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""), m);
    }

    /** RFC 2069: no qop, so no cnonce or nc, and response = H(HA1:nonce:HA2). */
    @Test
    void noQop() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"pbx\", nonce=\"abc123\"").orElseThrow();
        assertEquals(Optional.empty(), c.chosenQop());
        String ha1 = md5("201:pbx:s3cret");
        String ha2 = md5("NOTIFY:sip:201@192.0.2.50:5060");
        String expected = md5(ha1 + ":abc123:" + ha2);
        String a = DigestAnswer.authorization(c, "201", "s3cret", "NOTIFY", "sip:201@192.0.2.50:5060", "ignored");
        assertEquals("Digest username=\"201\", realm=\"pbx\", nonce=\"abc123\", uri=\"sip:201@192.0.2.50:5060\","
                + " response=\"" + expected + "\"", a);
    }

    @Test
    void md5SessHashesNonceAndCnonceIntoHa1() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess, qop=auth")
                .orElseThrow();
        String ha1 = md5(md5("u:r:p") + ":n:cn");
        String ha2 = md5("NOTIFY:sip:u@h");
        String expected = md5(ha1 + ":n:00000001:cn:auth:" + ha2);
        String a = DigestAnswer.authorization(c, "u", "p", "NOTIFY", "sip:u@h", "cn");
        assertTrue(a.contains("response=\"" + expected + "\""), a);
        assertTrue(a.contains("algorithm=MD5-sess"), a);
    }

    @Test
    void sha256SessWithoutQopStillSendsTheCnonce() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256-sess")
                .orElseThrow();
        String ha1 = sha256(sha256("u:r:p") + ":n:cn");
        String expected = sha256(ha1 + ":n:" + sha256("NOTIFY:sip:u@h"));
        String a = DigestAnswer.authorization(c, "u", "p", "NOTIFY", "sip:u@h", "cn");
        assertTrue(a.contains("response=\"" + expected + "\""), a);
        assertTrue(a.contains("cnonce=\"cn\""), a);
        assertFalse(a.contains("nc="), a);
    }

    @Test
    void authIntOnlyWhenItIsAllThereIsAndHashesTheEmptyBody() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"").orElseThrow();
        assertEquals(Optional.of("auth-int"), c.chosenQop());
        String ha2 = md5("NOTIFY:sip:u@h:" + md5(""));
        String expected = md5(md5("u:r:p") + ":n:00000001:cn:auth-int:" + ha2);
        assertTrue(DigestAnswer.authorization(c, "u", "p", "NOTIFY", "sip:u@h", "cn")
                .contains("response=\"" + expected + "\""));
    }

    @Test
    void userhashSendsTheHashedUsername() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, userhash=true")
                .orElseThrow();
        String a = DigestAnswer.authorization(c, "u", "p", "NOTIFY", "sip:u@h", "cn");
        assertTrue(a.startsWith("Digest username=\"" + sha256("u:r") + "\""), a);
        assertTrue(a.endsWith(", userhash=true"), a);
    }

    @Test
    void quotedValuesAreUnescapedAndEscapedBack() {
        DigestChallenge c = DigestChallenge.parse("DIGEST REALM=\"a \\\"quoted\\\" realm\",NONCE=n1").orElseThrow();
        assertEquals("a \"quoted\" realm", c.realm());
        assertEquals("n1", c.nonce());
        assertTrue(DigestAnswer.authorization(c, "u", "p", "NOTIFY", "sip:u@h", "cn")
                .contains("realm=\"a \\\"quoted\\\" realm\""));
    }

    @Test
    void unusableChallenges() {
        assertEquals(Optional.empty(), DigestChallenge.parse("Basic realm=\"r\""));
        assertEquals(Optional.empty(), DigestChallenge.parse("Digest realm=\"r\""), "no nonce");
        assertEquals(Optional.empty(), DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=AKAv1-MD5"));
        assertEquals(Optional.empty(), DigestChallenge.parse("Digest realm=\"unterminated, nonce=\"n"));
        assertEquals(Optional.empty(), DigestChallenge.parse(null));
        assertEquals(Optional.empty(), DigestChallenge.strongest(List.of("Basic realm=x")));
    }

    @Test
    void headerNames() {
        assertEquals("Authorization", DigestAnswer.headerName(401));
        assertEquals("Proxy-Authorization", DigestAnswer.headerName(407));
        assertEquals("WWW-Authenticate", DigestAnswer.challengeHeaderName(401));
        assertEquals("Proxy-Authenticate", DigestAnswer.challengeHeaderName(407));
    }

    static String md5(String s) {
        return digest("MD5", s);
    }

    static String sha256(String s) {
        return digest("SHA-256", s);
    }

    private static String digest(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
