package org.phoneprov.common.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.HttpdSettings.ProbeLimit;
import org.phoneprov.common.net.Addresses;

class ProbeThrottleTest {
    private static final ProbeLimit LIMIT = new ProbeLimit(3, 60, 300, 16);
    private static final InetAddress X = Addresses.parseLiteral("10.77.9.9").orElseThrow();
    private static final InetAddress Y = Addresses.parseLiteral("10.77.9.10").orElseThrow();
    private final ProbeThrottle t = new ProbeThrottle();

    @Test
    void oneMoreThanTheLimitWithinTheWindowBlocksForBlockSeconds() {
        long now = 1_000_000;
        for (int i = 0; i < 3; i++) {
            assertEquals(0, t.notFound(X, now + i * 1000, LIMIT), "404 #" + (i + 1) + " is allowed");
            assertEquals(0, t.blockedFor(X, now + i * 1000));
        }
        assertEquals(4, t.notFound(X, now + 59_000, LIMIT), "the 4th within 60 s blocks");
        assertEquals(300_000, t.blockedFor(X, now + 59_000));
        assertEquals(1_000, t.blockedFor(X, now + 59_000 + 299_000));
        assertEquals(0, t.blockedFor(Y, now + 60_000), "other addresses are not affected");
        assertEquals(0, t.blockedFor(X, now + 59_000 + 300_000), "the block ends");
        assertEquals(0, t.notFound(X, now + 360_000, LIMIT), "and counting starts over");
    }

    @Test
    void theWindowStartsAtTheFirst404AndResets() {
        long now = 0;
        assertEquals(0, t.notFound(X, now, LIMIT));
        assertEquals(0, t.notFound(X, now + 30_000, LIMIT));
        assertEquals(0, t.notFound(X, now + 59_999, LIMIT));
        assertEquals(0, t.notFound(X, now + 60_000, LIMIT), "a new window: this is its first");
        assertEquals(0, t.notFound(X, now + 60_001, LIMIT));
        assertEquals(0, t.notFound(X, now + 60_002, LIMIT));
        assertEquals(4, t.notFound(X, now + 60_003, LIMIT));
    }

    @Test
    void theTableIsCappedAndForgetsTheLeastRecentlySeen() {
        for (int i = 0; i < 1000; i++) {
            t.notFound(Addresses.parseLiteral("10.1." + (i / 256) + "." + (i % 256)).orElseThrow(), i, LIMIT);
            assertTrue(t.size() <= LIMIT.maxClients());
        }
        assertEquals(LIMIT.maxClients(), t.size());
        for (int i = 0; i < 4; i++) {
            t.notFound(X, 2000 + i, LIMIT);
        }
        assertTrue(t.blockedFor(X, 3000) > 0);
        for (int i = 0; i < 100; i++) {
            t.notFound(Addresses.parseLiteral("10.2.0." + i).orElseThrow(), 3000 + i, LIMIT);
            assertTrue(t.blockedFor(X, 3000 + i) > 0, "an address that keeps knocking stays recent and blocked");
        }
        assertEquals(LIMIT.maxClients(), t.size());
    }
}
