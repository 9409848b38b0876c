package org.phoneprov.phonesim.cwmp;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.common.auth.DigestParams;

/**
 * The CPE's side of Connection Request authentication (TR-069 Amendment 6, 3.2.2: "The CPE MUST
 * use HTTP digest authentication to authenticate the ACS before proceeding", with
 * ConnectionRequestUsername/Password): RFC 2617 digest, MD5, offered with {@code qop="auth"}
 * and an opaque value; an answer without qop (RFC 2069) is taken too. A nonce is one this CPE
 * issued (the last {@link #KEPT} are kept) and each answer's nonce-count must exceed the last
 * one seen for it, so a captured answer cannot be replayed. Plain Java; not thread-safe.
 */
final class ConnectionRequestAuth {
    static final int KEPT = 16;
    static final String REALM = "phonesim-cpe";

    enum Verdict { OK, CHALLENGE, STALE }

    private final SecureRandom random;
    private final String opaque;
    private final Map<String, Long> nonces = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > KEPT;
        }
    };

    ConnectionRequestAuth(SecureRandom random) {
        this.random = random;
        this.opaque = hex(8);
    }

    /** A {@code WWW-Authenticate} value with a new nonce. */
    String challenge(boolean stale) {
        String nonce = hex(16);
        nonces.put(nonce, 0L);
        return "Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\"" + nonce + "\", opaque=\"" + opaque
                + "\", algorithm=MD5" + (stale ? ", stale=true" : "");
    }

    Verdict check(String method, String authorization, String user, String password) {
        Optional<Map<String, String>> p = DigestParams.parse(authorization).params();
        if (p.isEmpty()) {
            return Verdict.CHALLENGE;
        }
        Map<String, String> v = p.get();
        String nonce = v.getOrDefault("nonce", "");
        String uri = v.getOrDefault("uri", "");
        Optional<String> qop = Optional.ofNullable(v.get("qop"));
        if (!user.equals(v.get("username")) || !REALM.equals(v.get("realm")) || qop.filter(q -> !q.equals("auth"))
                .isPresent() || !v.getOrDefault("algorithm", "MD5").equalsIgnoreCase("MD5")) {
            return Verdict.CHALLENGE;
        }
        String nc = v.getOrDefault("nc", "");
        String expected = DigestAnswer.response(DigestChallenge.Algorithm.MD5, user, REALM, password, nonce,
                v.getOrDefault("cnonce", ""), nc, qop, method, uri, new byte[0]);
        if (!java.security.MessageDigest.isEqual(expected.getBytes(), v.getOrDefault("response", "").getBytes())) {
            return Verdict.CHALLENGE;
        }
        Long last = nonces.get(nonce);
        if (last == null) {
            return Verdict.STALE; // right password, a nonce we no longer keep (RFC 2617 3.2.1 stale)
        }
        long count;
        try {
            count = qop.isPresent() ? Long.parseLong(nc, 16) : last + 1;
        } catch (NumberFormatException e) {
            return Verdict.CHALLENGE;
        }
        if (count <= last) {
            return Verdict.CHALLENGE; // a replay
        }
        nonces.put(nonce, count);
        return Verdict.OK;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
