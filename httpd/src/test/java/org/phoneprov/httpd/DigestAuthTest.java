package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.HttpdSettings;

class DigestAuthTest {
    private static final long T = 1_700_000_000_000L;
    private static final String CLIENT = "10.77.1.1";
    private static final String URI = "/ST2030S_00147F770001.txt";
    private static final Device.HttpCredentials CREDS = new Device.HttpCredentials("00147F770001", "pa:ss wörd");
    private static final HttpdSettings.Access ACCESS = new HttpdSettings.Access(true, "phoneprov",
            List.of("SHA-256", "MD5"), 300, false, Optional.empty());

    private final DigestAuth digest = new DigestAuth(new Nonces(new byte[32]));

    /** RFC 7616 3.9.1: the same request answered with MD5 and with SHA-256. */
    @Test
    void rfc7616ExampleVectors() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", DigestAuth.response("MD5", "Mufasa",
                "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", nonce, "00000001", cnonce, "auth"));
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", DigestAuth.response(
                "SHA-256", "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", nonce,
                "00000001", cnonce, "auth"));
    }

    /** What a client builds from a challenge, as curl --digest would. */
    static String answer(String challenge, String user, String password, String method, String uri) {
        String algorithm = param(challenge, "algorithm");
        String nonce = param(challenge, "nonce");
        String realm = param(challenge, "realm");
        String response = DigestAuth.response(algorithm, user, realm, password, method, uri, nonce, "00000001",
                "0a4f113b", "auth");
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", response=\"" + response + "\", qop=auth, nc=00000001,"
                + " cnonce=\"0a4f113b\"";
    }

    static String param(String challenge, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]*)\"?").matcher(challenge);
        return m.find() ? m.group(1) : null;
    }

    private DigestAuth.Outcome verify(String authorization, long now) {
        return digest.verify(ACCESS, CREDS, "GET", URI, authorization, CLIENT, now);
    }

    @Test
    void challengesOfferEachAlgorithmInOrderWithOneNonce() {
        List<String> c = digest.challenges(ACCESS, CLIENT, T, false);
        assertEquals(2, c.size());
        assertTrue(c.get(0).startsWith("Digest realm=\"phoneprov\", qop=\"auth\", algorithm=SHA-256, nonce=\""), c.get(0));
        assertTrue(c.get(1).contains("algorithm=MD5"));
        assertEquals(param(c.get(0), "nonce"), param(c.get(1), "nonce"));
        assertFalse(c.get(0).contains("stale"));
        assertTrue(digest.challenges(ACCESS, CLIENT, T, true).get(0).endsWith(", stale=true"));
    }

    @Test
    void theRightPasswordPassesWithEitherAlgorithm() {
        for (String challenge : digest.challenges(ACCESS, CLIENT, T, false)) {
            assertEquals(DigestAuth.Outcome.OK, verify(answer(challenge, CREDS.user(), CREDS.password(), "GET", URI),
                    T + 1000), challenge);
        }
        String c = digest.challenges(ACCESS, CLIENT, T, false).get(1);
        String noAlgorithm = answer(c, CREDS.user(), CREDS.password(), "GET", URI).replace(", algorithm=MD5", "");
        assertEquals(DigestAuth.Outcome.OK, verify(noAlgorithm, T), "no algorithm means MD5 (RFC 7616 3.3)");
        String post = answer(c, CREDS.user(), CREDS.password(), "POST", URI);
        assertEquals(DigestAuth.Outcome.OK, digest.verify(ACCESS, CREDS, "POST", URI, post, CLIENT, T));
        assertEquals(DigestAuth.Outcome.WRONG_PASSWORD, verify(post, T), "the method is part of the hash");
    }

    @Test
    void wrongCredentialsAndExpiredNonces() {
        String c = digest.challenges(ACCESS, CLIENT, T, false).get(0);
        assertEquals(DigestAuth.Outcome.WRONG_PASSWORD, verify(answer(c, CREDS.user(), "guess", "GET", URI), T));
        assertEquals(DigestAuth.Outcome.WRONG_USER, verify(answer(c, "admin", CREDS.password(), "GET", URI), T));
        assertEquals(DigestAuth.Outcome.WRONG_URI, verify(answer(c, CREDS.user(), CREDS.password(), "GET",
                "/ST2030S_00147F770002.txt"), T), "credentials for another file");
        String good = answer(c, CREDS.user(), CREDS.password(), "GET", URI);
        assertEquals(DigestAuth.Outcome.STALE, verify(good, T + 301_000), "right password, old nonce");
        assertEquals(DigestAuth.Outcome.WRONG_PASSWORD, verify(answer(c, CREDS.user(), "guess", "GET", URI),
                T + 301_000), "an old nonce with a wrong password is not merely stale");
        assertEquals(DigestAuth.Outcome.UNKNOWN_NONCE, digest.verify(ACCESS, CREDS, "GET", URI, good, "10.77.1.2", T),
                "a nonce from another address");
        assertEquals(DigestAuth.Outcome.WRONG_REALM, verify(good.replace("realm=\"phoneprov\"", "realm=\"x\""), T));
    }

    @Test
    void whatIsNotDigestWithQopAuthIsRefused() {
        String c = digest.challenges(ACCESS, CLIENT, T, false).get(0);
        String good = answer(c, CREDS.user(), CREDS.password(), "GET", URI);
        assertEquals(DigestAuth.Outcome.NO_CREDENTIALS, verify(null, T));
        assertEquals(DigestAuth.Outcome.NO_CREDENTIALS, verify("Basic MDAxNDdGNzcwMDAxOnBhc3M=", T));
        assertEquals(DigestAuth.Outcome.MALFORMED, verify(good.replace(", qop=auth", ""), T), "RFC 2069 form");
        assertEquals(DigestAuth.Outcome.MALFORMED, verify(good.replace("nc=00000001", "nc=1"), T));
        assertEquals(DigestAuth.Outcome.MALFORMED, verify("Digest username=\"x", T));
        assertEquals(DigestAuth.Outcome.MALFORMED, verify(good + ", uri=\"/other\"", T), "a name given twice");
        assertEquals(DigestAuth.Outcome.MALFORMED, verify(good + ", x=" + "y".repeat(DigestAuth.MAX_FIELD_LENGTH), T),
                "too long to read");
        assertEquals(DigestAuth.Outcome.UNSUPPORTED, verify(good.replace("qop=auth", "qop=auth-int"), T));
        assertEquals(DigestAuth.Outcome.UNSUPPORTED, verify(good.replace("algorithm=SHA-256", "algorithm=SHA-256-sess"), T));
        assertEquals(DigestAuth.Outcome.UNSUPPORTED, verify(good + ", userhash=true", T));
        HttpdSettings.Access md5Only = new HttpdSettings.Access(true, "phoneprov", List.of("MD5"), 300, false,
                Optional.empty());
        assertEquals(DigestAuth.Outcome.UNSUPPORTED, digest.verify(md5Only, CREDS, "GET", URI, good, CLIENT, T),
                "an algorithm we did not offer");
        assertTrue(DigestAuth.Outcome.WRONG_PASSWORD.failure());
        assertFalse(DigestAuth.Outcome.STALE.failure() || DigestAuth.Outcome.NO_CREDENTIALS.failure());
    }
}
