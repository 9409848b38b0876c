package org.phoneprov.acsd.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.acsd.AcsFixture;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.common.config.SuiteConfig;

class CpeAuthTest {
    static final String USER = "00147F770001";
    @TempDir
    Path dir;
    SuiteConfig config;
    final NonceBook nonces = new NonceBook(3, 1000);
    final CpeAuth auth = new CpeAuth(nonces, "phoneprov-acs");

    @BeforeEach
    void load() throws Exception {
        config = AcsFixture.config(dir, "");
    }

    String digest(String user, String password, String nc) {
        DigestChallenge c = DigestChallenge.parse(auth.challenge("test", false, 0).wwwAuthenticate()).orElseThrow();
        String header = DigestAnswer.authorization(c, user, password, "POST", "/", "abc");
        return header.replace("nc=" + DigestAnswer.NC, "nc=" + nc);
    }

    CpeAuth.Outcome check(String authorization, boolean tls, long now) {
        return auth.check(config, "POST", "/", Optional.ofNullable(authorization), tls, now);
    }

    @Test
    void theInventorysHttpCredentialsWithTheMacAsDefaultUser() {
        assertTrue(config.devices().values().stream().anyMatch(d -> d.http().map(h -> h.user().equals(USER))
                .orElse(false)), config.devices().toString());
        CpeAuth.Accepted a = assertInstanceOf(CpeAuth.Accepted.class, check(digest(USER, "s3cret", "00000001"), false, 0));
        assertEquals(USER, a.device().mac().hex());
        assertInstanceOf(CpeAuth.Accepted.class, check(digest("phone2", "other", "00000001"), false, 0));
    }

    @Test
    void refusalsSayWhy() {
        assertInstanceOf(CpeAuth.Challenge.class, check(null, false, 0));
        assertEquals("wrong_password", ((CpeAuth.Refused) check(digest(USER, "nope", "00000001"), false, 0)).reason());
        assertEquals("unknown_device", ((CpeAuth.Refused) check(digest("00147F770003", "x", "00000001"), false, 0))
                .reason(), "a device without http_password cannot authenticate");
        assertEquals("unknown_device", ((CpeAuth.Refused) check(digest("x\u0001y", "x", "00000001"), false, 0)).reason());
        assertEquals("x?y", ((CpeAuth.Refused) check(digest("x\u0001y", "x", "00000001"), false, 0)).user());
        assertEquals("malformed", ((CpeAuth.Refused) check("Digest username=\"a\", username=\"b\"", false, 0)).reason());
        assertEquals("unsupported", ((CpeAuth.Refused) check(digest(USER, "s3cret", "00000001")
                .replace("realm=\"phoneprov-acs\"", "realm=\"other\""), false, 0)).reason());
    }

    @Test
    void aNonceCountIsUsedOnceAndANonceExpires() {
        String first = digest(USER, "s3cret", "00000001");
        assertInstanceOf(CpeAuth.Accepted.class, check(first, false, 0));
        assertEquals("replayed", ((CpeAuth.Refused) check(first, false, 0)).reason());
        String late = digest(USER, "s3cret", "00000001");
        CpeAuth.Challenge again = assertInstanceOf(CpeAuth.Challenge.class, check(late, false, 5000));
        assertTrue(again.wwwAuthenticate().contains("stale=true"));
        for (int i = 0; i < 5; i++) {
            nonces.issue(0);
        }
        assertEquals(3, nonces.size(), "bounded");
    }

    @Test
    void basicOnlyOverTls() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":s3cret").getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(CpeAuth.Challenge.class, check(basic, false, 0));
        assertInstanceOf(CpeAuth.Accepted.class, check(basic, true, 0));
        String wrong = "Basic " + Base64.getEncoder().encodeToString((USER + ":x").getBytes(StandardCharsets.UTF_8));
        assertEquals("wrong_password", ((CpeAuth.Refused) check(wrong, true, 0)).reason());
        assertEquals("malformed", ((CpeAuth.Refused) check("Basic !!!", true, 0)).reason());
    }
}
