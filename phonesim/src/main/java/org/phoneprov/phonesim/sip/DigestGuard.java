package org.phoneprov.phonesim.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.phoneprov.common.auth.DigestParams;

/**
 * A phone checking a check-sync NOTIFY's Digest credentials (RFC 2617, MD5, with
 * {@code qop=auth} or in the RFC 2069 form without qop). A NOTIFY without credentials is
 * challenged; credentials that verify against a nonce we issued and have not used yet
 * are accepted once; a correct answer to a nonce we no longer know is challenged again
 * with {@code stale=true} (RFC 2617 3.2.1); anything else is refused.
 * Confined to the port's receive thread.
 */
final class DigestGuard {
    enum Verdict { ACCEPT, CHALLENGE, STALE, FORBID }

    /** Longer than any sender's retry after a 401; bounded so a flood of NOTIFYs cannot grow it. */
    static final long NONCE_LIFETIME_NANOS = 5L * 60 * 1_000_000_000;
    static final int MAX_NONCES = 256;

    private final SipCredentials credentials;
    private final LongSupplier nanoTime;
    private final SecureRandom random = new SecureRandom();
    /** nonce → when issued; insertion order, so the oldest go first. */
    private final Map<String, Long> nonces = new LinkedHashMap<>();

    DigestGuard(SipCredentials credentials, LongSupplier nanoTime) {
        this.credentials = credentials;
        this.nanoTime = nanoTime;
    }

    /** A {@code WWW-Authenticate} value with a fresh nonce. */
    String challenge(boolean stale) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String nonce = HexFormat.of().formatHex(b);
        if (nonces.size() >= MAX_NONCES) {
            Iterator<String> oldest = nonces.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        nonces.put(nonce, nanoTime.getAsLong());
        return "Digest realm=\"" + credentials.realm() + "\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm=MD5"
                + (stale ? ", stale=true" : "");
    }

    /**
     * @param authorization the request's {@code Authorization} value, if any
     * @param requestUri    the Request-URI as written, which the credentials' {@code uri} must name
     */
    Verdict check(Optional<String> authorization, String method, String requestUri) {
        if (authorization.isEmpty()) {
            return Verdict.CHALLENGE;
        }
        Optional<Map<String, String>> parsed = DigestParams.parse(authorization.get()).params();
        if (parsed.isEmpty()) {
            return Verdict.FORBID;
        }
        Map<String, String> p = parsed.get();
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        String algorithm = p.getOrDefault("algorithm", "MD5");
        if (nonce == null || uri == null || response == null || !algorithm.equalsIgnoreCase("MD5")
                || !credentials.username().equals(p.get("username")) || !credentials.realm().equals(p.get("realm"))
                || !uri.equals(requestUri)) {
            return Verdict.FORBID;
        }
        Optional<String> expected = expected(p, method, nonce, uri);
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.FORBID;
        }
        Long issued = nonces.remove(nonce);
        if (issued == null || nanoTime.getAsLong() - issued > NONCE_LIFETIME_NANOS) {
            return Verdict.STALE; // the right password, but for a nonce used already or too old
        }
        return Verdict.ACCEPT;
    }

    private Optional<String> expected(Map<String, String> p, String method, String nonce, String uri) {
        String ha1 = md5(credentials.username() + ":" + credentials.realm() + ":" + credentials.password());
        String ha2 = md5(method + ":" + uri);
        String qop = p.get("qop");
        if (qop == null) {
            return Optional.of(md5(ha1 + ":" + nonce + ":" + ha2)); // RFC 2069 compatibility form
        }
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        if (!qop.equalsIgnoreCase("auth") || nc == null || cnonce == null) {
            return Optional.empty(); // we only offered auth
        }
        return Optional.of(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2));
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
