package org.phoneprov.phonesim.gigaset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.auth.DigestParams;

/**
 * A phone's answer to an HTTP digest challenge (RFC 7616), as a Gigaset with an activation
 * code gives it (Gigaset seed, "Security aspects": "Use of HTTP digest for authentication (for
 * Autoprovisioning with Activation Code)"). The server sends one {@code WWW-Authenticate} per
 * algorithm "in order of its preference" and the client uses the first it supports (RFC 7616
 * 3.7); supported are MD5, SHA-256 and SHA-512-256, with {@code qop=auth}, or without qop in
 * the RFC 2069 form. {@code -sess} algorithms, {@code auth-int} only and {@code userhash=true}
 * are not answered. Plain Java, no state: one fresh challenge, one answer with {@code nc=00000001}.
 */
public final class DigestAnswer {
    /** RFC 7616 algorithm names → JDK digest names. */
    private static final Map<String, String> ALGORITHMS = Map.of("MD5", "MD5", "SHA-256", "SHA-256",
            "SHA-512-256", "SHA-512/256");
    static final String NC = "00000001";

    private DigestAnswer() {
    }

    /** A challenge this phone can answer. */
    record Challenge(String realm, String nonce, String algorithm, boolean qopAuth, Optional<String> opaque,
                     boolean stale) {
    }

    /** The first challenge among the {@code WWW-Authenticate} values that this phone can answer. */
    static Optional<Challenge> choose(List<String> wwwAuthenticate) {
        for (String value : wwwAuthenticate) {
            Optional<Challenge> c = DigestParams.parse(value).params().flatMap(DigestAnswer::challenge);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static Optional<Challenge> challenge(Map<String, String> p) {
        String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        boolean userhash = p.getOrDefault("userhash", "false").equalsIgnoreCase("true");
        if (realm == null || nonce == null || !ALGORITHMS.containsKey(algorithm) || userhash) {
            return Optional.empty();
        }
        Optional<String> qop = Optional.ofNullable(p.get("qop"));
        boolean auth = qop.map(q -> Arrays.stream(q.split(",")).anyMatch(t -> t.strip().equalsIgnoreCase("auth")))
                .orElse(false);
        if (qop.isPresent() && !auth) {
            return Optional.empty(); // auth-int only: the phone would have to hash the body it has not got
        }
        if (qop.isEmpty() && !algorithm.equals("MD5")) {
            return Optional.empty(); // RFC 2069 had MD5 only
        }
        return Optional.of(new Challenge(realm, nonce, algorithm, auth, Optional.ofNullable(p.get("opaque")),
                p.getOrDefault("stale", "false").equalsIgnoreCase("true")));
    }

    /**
     * The {@code Authorization} value answering {@code c}.
     *
     * @param uri    the request-target exactly as the request line names it
     * @param cnonce the client nonce (random per answer; fixed in tests)
     */
    static String authorization(Challenge c, DigestCredentials who, String method, String uri, String cnonce) {
        String ha1 = hash(c.algorithm(), who.user() + ":" + c.realm() + ":" + who.password());
        String ha2 = hash(c.algorithm(), method + ":" + uri);
        String response = c.qopAuth()
                ? hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + NC + ":" + cnonce + ":auth:" + ha2)
                : hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + ha2);
        StringBuilder b = new StringBuilder("Digest username=").append(quoted(who.user()))
                .append(", realm=").append(quoted(c.realm())).append(", nonce=").append(quoted(c.nonce()))
                .append(", uri=").append(quoted(uri)).append(", algorithm=").append(c.algorithm())
                .append(", response=").append(quoted(response));
        if (c.qopAuth()) {
            b.append(", qop=auth, nc=").append(NC).append(", cnonce=").append(quoted(cnonce));
        }
        c.opaque().ifPresent(o -> b.append(", opaque=").append(quoted(o)));
        return b.toString();
    }

    /** RFC 7230 quoted-string: '"' and '\' escaped. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(ALGORITHMS.get(algorithm))
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
