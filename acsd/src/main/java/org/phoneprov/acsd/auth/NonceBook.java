package org.phoneprov.acsd.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The digest nonces the ACS issued, each random, kept with its issue time and the highest
 * nonce-count seen with it, so a replayed Authorization (same nc again) is refused (RFC 7616
 * 3.3: the server may check nc). Bounded: the oldest go first beyond {@code capacity}, and
 * a nonce expires after {@code lifetimeMillis}; a CPE then gets a fresh challenge. CPEs
 * often open a new connection to answer a 401, so nonces are not tied to a connection.
 */
public final class NonceBook {
    /** What a nonce presented with a count amounts to. */
    public enum Check { FRESH, UNKNOWN, EXPIRED, REPLAYED }

    private static final class Entry {
        final long issued;
        long highestNc;

        Entry(long issued) {
            this.issued = issued;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final int capacity;
    private final long lifetimeMillis;
    private final Map<String, Entry> issued = new LinkedHashMap<>();

    public NonceBook(int capacity, long lifetimeMillis) {
        this.capacity = capacity;
        this.lifetimeMillis = lifetimeMillis;
    }

    public synchronized String issue(long nowMillis) {
        byte[] b = new byte[18];
        random.nextBytes(b);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        issued.put(nonce, new Entry(nowMillis));
        Iterator<Map.Entry<String, Entry>> it = issued.entrySet().iterator();
        while (issued.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
        return nonce;
    }

    /** Checks and, when fresh, records {@code nc} (hex, RFC 7616 3.4) as used. */
    public synchronized Check use(String nonce, long nc, long nowMillis) {
        Entry e = issued.get(nonce);
        if (e == null) {
            return Check.UNKNOWN;
        }
        if (nowMillis - e.issued > lifetimeMillis) {
            issued.remove(nonce);
            return Check.EXPIRED;
        }
        if (nc <= e.highestNc) {
            return Check.REPLAYED;
        }
        e.highestNc = nc;
        return Check.FRESH;
    }

    synchronized int size() {
        return issued.size();
    }
}
