package org.phoneprov.common.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    static final long S = 1_000_000_000L;

    @Test
    void aFloodingClientIsLimitedWhileOthersPass() {
        TokenBuckets b = new TokenBuckets(5, 1000, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(TokenBuckets.Verdict.PASS, b.admit(1, 0));
        }
        assertEquals(TokenBuckets.Verdict.CLIENT_LIMIT, b.admit(1, 0));
        assertEquals(TokenBuckets.Verdict.PASS, b.admit(2, 0), "another client is not affected");
        assertEquals(TokenBuckets.Verdict.PASS, b.admit(1, S / 5), "refilled at 5 a second");
        assertEquals(TokenBuckets.Verdict.CLIENT_LIMIT, b.admit(1, S / 5));
    }

    @Test
    void manyForgedClientsHitTheGlobalLimit() {
        TokenBuckets b = new TokenBuckets(5, 100, 0);
        int passed = 0;
        for (long mac = 0; mac < 1000; mac++) {
            passed += b.admit(mac, 0) == TokenBuckets.Verdict.PASS ? 1 : 0;
        }
        assertEquals(100, passed);
        assertEquals(TokenBuckets.Verdict.PASS, b.admit(5000, S / 10), "the global budget refills too");
    }
}
