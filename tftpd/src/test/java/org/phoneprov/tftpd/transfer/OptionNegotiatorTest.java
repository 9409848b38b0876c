package org.phoneprov.tftpd.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionNegotiatorTest {

    private static final Limits LIMITS = new Limits(1468, 1000, 5, 64, 3);

    private static Negotiated negotiate(Map<String, String> options) {
        return OptionNegotiator.negotiate(options, 12345, LIMITS);
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void noOptionsMeansRfc1350DefaultsAndNoOack() {
        Negotiated n = negotiate(Map.of());
        assertEquals(512, n.blksize());
        assertEquals(1000, n.timeoutMillis());
        assertEquals(1, n.windowsize());
        assertFalse(n.tsizeAsked());
        assertTrue(n.oack().isEmpty());
        assertFalse(n.sendsOack());
    }

    @Test
    void everyOptionAcceptedInClientOrder() {
        Negotiated n = negotiate(ordered("tsize", "0", "windowsize", "16", "blksize", "1428", "timeout", "3"));
        assertEquals(1428, n.blksize());
        assertEquals(3000, n.timeoutMillis());
        assertEquals(16, n.windowsize());
        assertTrue(n.tsizeAsked());
        assertEquals(List.of("tsize", "windowsize", "blksize", "timeout"), List.copyOf(n.oack().keySet()));
        assertEquals(Map.of("tsize", "12345", "windowsize", "16", "blksize", "1428", "timeout", "3"), n.oack());
    }

    @Test
    void blksizeIsClampedToTheConfiguredCap() {
        Negotiated n = negotiate(Map.of("blksize", "65464"));
        assertEquals(1468, n.blksize());
        assertEquals("1468", n.oack().get("blksize"));
    }

    @Test
    void blksizeIsClampedToRfc2348MaximumEvenWithAHigherValue() {
        Limits wide = new Limits(65464, 1000, 5, 64, 3);
        assertEquals(65464, OptionNegotiator.negotiate(Map.of("blksize", "99999999999999999999999"), 0, wide).blksize());
        assertEquals(65464, OptionNegotiator.negotiate(Map.of("blksize", "70000"), 0, wide).blksize());
    }

    @Test
    void blksizeBoundaries() {
        assertEquals(8, negotiate(Map.of("blksize", "8")).blksize());
        Negotiated tooSmall = negotiate(Map.of("blksize", "7"));
        assertEquals(512, tooSmall.blksize());
        assertTrue(tooSmall.oack().isEmpty());
        assertTrue(negotiate(Map.of("blksize", "0")).oack().isEmpty());
    }

    @Test
    void malformedValuesAreIgnored() {
        for (String bad : new String[] {"", "abc", "-512", "12x", "1.5", "0x200"}) {
            Negotiated n = negotiate(Map.of("blksize", bad, "windowsize", bad, "timeout", bad, "tsize", bad));
            assertTrue(n.oack().isEmpty(), bad);
            assertEquals(512, n.blksize());
            assertEquals(1, n.windowsize());
            assertFalse(n.tsizeAsked());
        }
    }

    @Test
    void timeoutOutsideOneTo255IsIgnored() {
        assertEquals(1000, negotiate(Map.of("timeout", "1")).timeoutMillis());
        assertEquals(255_000, negotiate(Map.of("timeout", "255")).timeoutMillis());
        for (String bad : new String[] {"0", "256", "100000"}) {
            Negotiated n = negotiate(Map.of("timeout", bad));
            assertEquals(1000, n.timeoutMillis(), bad);
            assertTrue(n.oack().isEmpty(), bad);
        }
    }

    @Test
    void windowsizeClampedToMaxWindowAndZeroIgnored() {
        assertEquals(64, negotiate(Map.of("windowsize", "65535")).windowsize());
        assertEquals("64", negotiate(Map.of("windowsize", "65535")).oack().get("windowsize"));
        assertEquals(1, negotiate(Map.of("windowsize", "1")).windowsize());
        assertTrue(negotiate(Map.of("windowsize", "0")).oack().isEmpty());
    }

    @Test
    void tsizeRepliesWithTheFileLength() {
        Negotiated n = OptionNegotiator.negotiate(Map.of("tsize", "0"), 5_000_000_000L, LIMITS);
        assertTrue(n.tsizeAsked());
        assertEquals("5000000000", n.oack().get("tsize"));
        assertEquals("0", OptionNegotiator.negotiate(Map.of("tsize", "0"), 0, LIMITS).oack().get("tsize"));
    }

    @Test
    void tsizeWithUnknownLengthIsNotAcknowledged() {
        Negotiated n = OptionNegotiator.negotiate(Map.of("tsize", "0"), -1, LIMITS);
        assertFalse(n.tsizeAsked());
        assertTrue(n.oack().isEmpty());
    }

    @Test
    void unknownOptionsAreNotAcknowledged() {
        Negotiated n = negotiate(ordered("multicast", "", "rollover", "0", "utimeout", "500", "blksize", "1024"));
        assertEquals(Map.of("blksize", "1024"), n.oack());
    }

    @Test
    void namesAreCaseInsensitiveAndTheFirstOccurrenceCounts() {
        Negotiated n = negotiate(ordered("BlkSize", "1024", "WINDOWSIZE", "4", "blksize", "600"));
        assertEquals(1024, n.blksize());
        assertEquals(4, n.windowsize());
        assertEquals(Map.of("blksize", "1024", "windowsize", "4"), n.oack());
    }

    @Test
    void limitsAreCheckedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(7, 1000, 5, 64, 3));
        assertThrows(IllegalArgumentException.class, () -> new Limits(65465, 1000, 5, 64, 3));
        assertThrows(IllegalArgumentException.class, () -> new Limits(512, 0, 5, 64, 3));
        assertThrows(IllegalArgumentException.class, () -> new Limits(512, 1000, -1, 64, 3));
        assertThrows(IllegalArgumentException.class, () -> new Limits(512, 1000, 5, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Limits(512, 1000, 5, 65536, 3));
        assertThrows(IllegalArgumentException.class, () -> new Limits(512, 1000, 5, 64, -1));
        assertEquals(1468, Limits.defaults().maxBlksize());
    }
}
