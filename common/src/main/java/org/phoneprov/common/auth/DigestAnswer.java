package org.phoneprov.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code Authorization} (401) or {@code Proxy-Authorization} (407) answer to a
 * Digest challenge: RFC 2617 (MD5, MD5-sess, qop auth/auth-int, and the RFC 2069 form
 * without qop), RFC 7616 (SHA-256, SHA-512-256, their -sess forms, userhash) as SIP
 * uses them (RFC 8760), and as HTTP clients here use them (the Gigaset CLI, phonesim). We
 * answer each challenge once, so nc is always 00000001.
 */
public final class DigestAnswer {
    public static final String NC = "00000001";

    private DigestAnswer() {
    }

    /** The header that carries the answer: 407 comes from a proxy (RFC 3261 22.3). */
    public static String headerName(int status) {
        return status == 407 ? "Proxy-Authorization" : "Authorization";
    }

    /** The header that carries the challenge of a 401 or 407. */
    public static String challengeHeaderName(int status) {
        return status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
    }

    /**
     * The answer's header value, e.g. {@code Digest username="201", realm="...", ...}.
     * Our requests have no body, so auth-int hashes the empty body.
     */
    public static String authorization(DigestChallenge c, String username, String password, String method,
                                       String uri, String cnonce) {
        Optional<String> qop = c.chosenQop();
        String response = response(c.algorithm(), username, c.realm(), password, c.nonce(), cnonce, NC, qop,
                method, uri, new byte[0]);
        String user = c.userhash() ? hash(c.algorithm(), username + ":" + c.realm()) : username;
        StringBuilder b = new StringBuilder("Digest ");
        b.append("username=").append(quote(user));
        b.append(", realm=").append(quote(c.realm()));
        b.append(", nonce=").append(quote(c.nonce()));
        b.append(", uri=").append(quote(uri));
        b.append(", response=").append(quote(response));
        if (c.algorithmNamed()) {
            b.append(", algorithm=").append(c.algorithm().token());
        }
        if (qop.isPresent() || c.algorithm().session()) {
            b.append(", cnonce=").append(quote(cnonce));
        }
        c.opaque().ifPresent(o -> b.append(", opaque=").append(quote(o)));
        if (qop.isPresent()) {
            b.append(", qop=").append(qop.get()).append(", nc=").append(NC);
        }
        if (c.userhash()) {
            b.append(", userhash=true");
        }
        return b.toString();
    }

    /**
     * The {@code response} value (RFC 7616 3.4.1): KD(HA1, nonce:nc:cnonce:qop:HA2), or
     * KD(HA1, nonce:HA2) without qop.
     */
    public static String response(DigestChallenge.Algorithm a, String username, String realm, String password,
                                  String nonce, String cnonce, String nc, Optional<String> qop, String method,
                                  String uri, byte[] body) {
        String ha1 = hash(a, username + ":" + realm + ":" + password);
        if (a.session()) {
            ha1 = hash(a, ha1 + ":" + nonce + ":" + cnonce);
        }
        String a2 = method + ":" + uri;
        if (qop.isPresent() && qop.get().equals("auth-int")) {
            a2 += ":" + hash(a, body);
        }
        String ha2 = hash(a, a2);
        if (qop.isPresent()) {
            return hash(a, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop.get() + ":" + ha2);
        }
        return hash(a, ha1 + ":" + nonce + ":" + ha2);
    }

    public static String hash(DigestChallenge.Algorithm a, String text) {
        return hash(a, text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hash(DigestChallenge.Algorithm a, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(a.javaName()).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // Every Java 17 runtime has MD5, SHA-256 and SHA-512/256.
            throw new IllegalStateException(a.javaName() + " missing from this Java runtime", e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
