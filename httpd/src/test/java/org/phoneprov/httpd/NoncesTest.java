package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class NoncesTest {
    private final Nonces nonces = new Nonces(new byte[32]);
    private static final long T = 1_700_000_000_000L;

    @Test
    void freshUntilTheLifetimeThenStale() {
        String n = nonces.issue(T, "10.77.1.1");
        assertEquals(Nonces.Check.FRESH, nonces.check(n, T, 300, "10.77.1.1"));
        assertEquals(Nonces.Check.FRESH, nonces.check(n, T + 300_000, 300, "10.77.1.1"));
        assertEquals(Nonces.Check.STALE, nonces.check(n, T + 300_001, 300, "10.77.1.1"));
        assertEquals(Nonces.Check.STALE, nonces.check(n, T + 86_400_000, 300, "10.77.1.1"));
    }

    @Test
    void boundToTheClientAndTheKey() {
        String n = nonces.issue(T, "10.77.1.1");
        assertEquals(Nonces.Check.INVALID, nonces.check(n, T, 300, "10.77.1.2"), "another address");
        byte[] other = new byte[32];
        other[0] = 1;
        assertEquals(Nonces.Check.INVALID, new Nonces(other).check(n, T, 300, "10.77.1.1"), "after a restart");
        assertNotEquals(n, nonces.issue(T + 1, "10.77.1.1"));
    }

    @Test
    void forgedAndGarbageNoncesAreInvalid() {
        String n = nonces.issue(T, "a");
        char[] c = n.toCharArray();
        c[3] = c[3] == 'A' ? 'B' : 'A';
        assertEquals(Nonces.Check.INVALID, nonces.check(new String(c), T, 300, "a"), "a changed time");
        assertEquals(Nonces.Check.INVALID, nonces.check("", T, 300, "a"));
        assertEquals(Nonces.Check.INVALID, nonces.check("!!not base64!!", T, 300, "a"));
        assertEquals(Nonces.Check.INVALID, nonces.check(n + "AAAA", T, 300, "a"), "wrong length");
        assertEquals(Nonces.Check.INVALID, nonces.check(nonces.issue(T + 120_000, "a"), T, 300, "a"),
                "issued in the future");
    }
}
