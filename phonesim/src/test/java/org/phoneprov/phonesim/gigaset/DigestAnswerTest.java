package org.phoneprov.phonesim.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestParams;

/** The RFC's own examples, and which of several challenges a phone answers. */
class DigestAnswerTest {
    static final DigestCredentials MUFASA = new DigestCredentials("Mufasa", "Circle of Life");
    /** RFC 7616 3.9.1. */
    static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    static String challenge(String algorithm) {
        return "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" + algorithm + ", nonce=\""
                + NONCE + "\", opaque=\"" + OPAQUE + "\"";
    }

    static Map<String, String> answer(List<String> challenges, DigestCredentials who, String cnonce) {
        DigestAnswer.Challenge c = DigestAnswer.choose(challenges).orElseThrow();
        return DigestParams.parse(DigestAnswer.authorization(c, who, "GET", "/dir/index.html", cnonce)).params()
                .orElseThrow();
    }

    @Test
    void rfc7616sExampleWithSha256AndWithMd5() {
        Map<String, String> sha = answer(List.of(challenge("SHA-256"), challenge("MD5")), MUFASA, CNONCE);
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", sha.get("response"));
        assertEquals("SHA-256", sha.get("algorithm"), "the first challenge the phone supports (RFC 7616 3.7)");
        assertEquals("auth", sha.get("qop"));
        assertEquals("00000001", sha.get("nc"));
        assertEquals(CNONCE, sha.get("cnonce"));
        assertEquals(OPAQUE, sha.get("opaque"));
        assertEquals("/dir/index.html", sha.get("uri"));
        assertEquals("Mufasa", sha.get("username"));
        Map<String, String> md5 = answer(List.of(challenge("MD5"), challenge("SHA-256")), MUFASA, CNONCE);
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", md5.get("response"));
    }

    @Test
    void rfc2617sExampleAndTheRfc2069FormWithoutQop() {
        String c = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
        Map<String, String> a = answer(List.of(c), new DigestCredentials("Mufasa", "Circle Of Life"), "0a4f113b");
        assertEquals("6629fae49393a05397450978507c4ef1", a.get("response"));
        Map<String, String> old = answer(List.of("Digest realm=\"r\", nonce=\"n\""), MUFASA, "unused");
        // RFC 2069 2.1.1: MD5(MD5(A1) ":" nonce ":" MD5(A2)), computed outside Java (python3 hashlib):
        // h = lambda s: md5(s.encode()).hexdigest(); h(h("Mufasa:r:Circle of Life") + ":n:" + h("GET:/dir/index.html"))
        assertEquals("0bab5c24c08a1ef94a6cc3d446ce558a", old.get("response"));
        assertTrue(!old.containsKey("qop") && !old.containsKey("nc") && !old.containsKey("cnonce"), old.toString());
    }

    @Test
    void challengesThePhoneCannotAnswerAreSkipped() {
        assertEquals(Optional.empty(), DigestAnswer.choose(List.of(
                "Basic realm=\"x\"",
                "Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\"",
                "Digest realm=\"x\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256-sess",
                "Digest realm=\"x\", nonce=\"n\", qop=\"auth\", userhash=true",
                "Digest realm=\"x\", qop=\"auth\"",
                "Digest realm=\"x\", nonce=\"n\", algorithm=SHA-256",
                "Digest realm=\"x\", nonce=\"n\", nonce=\"m\"")));
        assertEquals("SHA-512-256", DigestAnswer.choose(List.of("Basic realm=\"x\"",
                "Digest realm=\"x\", nonce=\"n\", qop=auth, algorithm=sha-512-256")).orElseThrow().algorithm());
    }

    @Test
    void quotesInTheUserAreEscapedAndTheStaleFlagIsRead() {
        DigestAnswer.Challenge c = DigestAnswer.choose(List.of("Digest realm=\"r\", nonce=\"n\", qop=auth, stale=TRUE"))
                .orElseThrow();
        assertTrue(c.stale());
        Map<String, String> p = DigestParams.parse(DigestAnswer.authorization(c, new DigestCredentials("a\"b\\c", ""),
                "GET", "/x", "c")).params().orElseThrow();
        assertEquals("a\"b\\c", p.get("username"));
    }
}
