package org.phoneprov.apid.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.phoneprov.apid.ApiReader;
import org.phoneprov.apid.ApiSettings;

class TokenGateTest {
    static final String GOOD = "good-token-0123456789abcdefghijklmnop";
    static final ApiSettings SETTINGS = new ApiSettings(Optional.empty(), List.of(
            new ApiSettings.Token("admin", ApiSettings.Role.ADMIN, ApiReader.sha256(GOOD)),
            new ApiSettings.Token("viewer", ApiSettings.Role.READ, ApiReader.sha256(GOOD + "-v"))),
            ApiSettings.WRONG_TOKENS);
    final AtomicLong now = new AtomicLong(1_000_000);
    final TokenGate gate = new TokenGate(() -> SETTINGS, now::get);

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void aBearerTokenFindsItsCaller() throws Exception {
        TokenGate.Verdict v = gate.check(Optional.of("Bearer " + GOOD + "-v"), ip("192.0.2.1"));
        assertEquals("viewer", assertInstanceOf(TokenGate.Verdict.Allowed.class, v).token().name());
        assertInstanceOf(TokenGate.Verdict.Allowed.class, gate.check(Optional.of("bearer " + GOOD), ip("192.0.2.1")),
                "the scheme is case-insensitive (RFC 9110 11.1)");
        assertInstanceOf(TokenGate.Verdict.Unauthorized.class, gate.check(Optional.of("Basic " + GOOD), ip("192.0.2.1")));
        assertInstanceOf(TokenGate.Verdict.Unauthorized.class, gate.check(Optional.empty(), ip("192.0.2.1")));
    }

    @Test
    void theTenthWrongTokenBlocksTheAddressEvenForTheRightOneUntilTheBlockEnds() throws Exception {
        InetAddress guesser = ip("192.0.2.9");
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(TokenGate.Verdict.Unauthorized.class, gate.check(Optional.of("Bearer wrong" + i), guesser));
        }
        TokenGate.Verdict blocked = gate.check(Optional.of("Bearer " + GOOD), guesser);
        assertEquals(300, assertInstanceOf(TokenGate.Verdict.Blocked.class, blocked).retryAfterSeconds());
        assertInstanceOf(TokenGate.Verdict.Allowed.class, gate.check(Optional.of("Bearer " + GOOD), ip("192.0.2.10")),
                "another address is served");
        now.addAndGet(300_000);
        assertInstanceOf(TokenGate.Verdict.Allowed.class, gate.check(Optional.of("Bearer " + GOOD), guesser));
    }

    @Test
    void missingTokensAreNotGuesses() throws Exception {
        InetAddress browser = ip("192.0.2.7");
        for (int i = 0; i < 50; i++) {
            gate.check(Optional.empty(), browser);
        }
        assertInstanceOf(TokenGate.Verdict.Allowed.class, gate.check(Optional.of("Bearer " + GOOD), browser));
    }
}
