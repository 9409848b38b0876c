package org.phoneprov.httpd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest nonces that need no table: a nonce is the time it was issued and an HMAC of that
 * time and the client's address, under a key made at start. So any worker thread can check
 * one, memory stays flat however many clients ask, a nonce is no good from another address,
 * and a restart simply invalidates the old ones (the client gets a fresh challenge).
 * What this does not do is count {@code nc}: a captured request can be replayed from the
 * same address until its nonce expires (see README).
 */
final class Nonces {
    private static final int TIME = 8;
    private static final int TAG = 16;
    /** A nonce issued this far in the future is forged or from a clock that jumped back. */
    private static final long SKEW_MILLIS = 60_000;

    enum Check { FRESH, STALE, INVALID }

    private final SecretKeySpec key;

    Nonces(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    static Nonces random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new Nonces(secret);
    }

    String issue(long nowMillis, String client) {
        ByteBuffer b = ByteBuffer.allocate(TIME + TAG).putLong(nowMillis).put(tag(nowMillis, client));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    Check check(String nonce, long nowMillis, int lifetimeSeconds, String client) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        if (raw.length != TIME + TAG) {
            return Check.INVALID;
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long issued = b.getLong();
        byte[] tag = new byte[TAG];
        b.get(tag);
        if (!MessageDigest.isEqual(tag, tag(issued, client)) || issued > nowMillis + SKEW_MILLIS) {
            return Check.INVALID;
        }
        return nowMillis - issued > lifetimeSeconds * 1000L ? Check.STALE : Check.FRESH;
    }

    private byte[] tag(long issued, String client) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(ByteBuffer.allocate(TIME).putLong(issued).array());
            byte[] full = mac.doFinal(client.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[TAG];
            System.arraycopy(full, 0, out, 0, TAG);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
