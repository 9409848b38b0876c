package org.phoneprov.phonesim.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestParams;

class DigestGuardTest {
    private static final SipCredentials CREDS = new SipCredentials("201", "secret", "phone");
    private static final String URI = "sip:201@10.77.0.50:5060";

    private final AtomicLong now = new AtomicLong();
    private final DigestGuard guard = new DigestGuard(CREDS, now::get);

    private String nonce() {
        return DigestParams.parse(guard.challenge(false)).params().orElseThrow().get("nonce");
    }

    private static Optional<String> answer(String nonce, String password, String uri) {
        String ha1 = DigestGuard.md5("201:phone:" + password);
        String response = DigestGuard.md5(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + DigestGuard.md5("NOTIFY:" + uri));
        return Optional.of("Digest username=\"201\", realm=\"phone\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", cnonce=\"c0ffee\", qop=auth, nc=00000001");
    }

    @Test
    void challengesWithoutCredentials() {
        assertEquals(DigestGuard.Verdict.CHALLENGE, guard.check(Optional.empty(), "NOTIFY", URI));
    }

    @Test
    void acceptsOnceThenCallsTheNonceStale() {
        String n = nonce();
        assertEquals(DigestGuard.Verdict.ACCEPT, guard.check(answer(n, "secret", URI), "NOTIFY", URI));
        assertEquals(DigestGuard.Verdict.STALE, guard.check(answer(n, "secret", URI), "NOTIFY", URI));
    }

    @Test
    void anOldNonceIsStale() {
        String n = nonce();
        now.addAndGet(DigestGuard.NONCE_LIFETIME_NANOS + 1);
        assertEquals(DigestGuard.Verdict.STALE, guard.check(answer(n, "secret", URI), "NOTIFY", URI));
    }

    @Test
    void forbidsWrongPasswordUriUserOrScheme() {
        String n = nonce();
        assertEquals(DigestGuard.Verdict.FORBID, guard.check(answer(n, "guess", URI), "NOTIFY", URI));
        assertEquals(DigestGuard.Verdict.FORBID,
                guard.check(answer(n, "secret", "sip:201@10.77.0.99"), "NOTIFY", URI));
        assertEquals(DigestGuard.Verdict.FORBID, guard.check(answer(n, "secret", URI).map(a -> a.replace(
                "username=\"201\"", "username=\"202\"")), "NOTIFY", URI));
        assertEquals(DigestGuard.Verdict.FORBID, guard.check(Optional.of("Basic MjAxOnNlY3JldA=="), "NOTIFY", URI));
        assertEquals(DigestGuard.Verdict.FORBID, guard.check(Optional.of("Digest nonce=\"unterminated"), "NOTIFY", URI));
        // after all that, the nonce is still good for the right answer
        assertEquals(DigestGuard.Verdict.ACCEPT, guard.check(answer(n, "secret", URI), "NOTIFY", URI));
    }
}
