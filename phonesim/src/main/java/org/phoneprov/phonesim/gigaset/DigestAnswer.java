package org.phoneprov.phonesim.gigaset;

import java.util.List;
import java.util.Optional;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.common.auth.DigestParams;

/**
 * A phone's answer to an HTTP digest challenge (RFC 7616), as a Gigaset with an activation
 * code gives it (Gigaset seed, "Security aspects": "Use of HTTP digest for authentication (for
 * Autoprovisioning with Activation Code)"). The server sends one {@code WWW-Authenticate} per
 * algorithm "in order of its preference" and the client uses the first it supports (RFC 7616
 * 3.7); supported are MD5, SHA-256 and SHA-512-256, with {@code qop=auth}, or without qop in
 * the RFC 2069 form (MD5 only). {@code -sess} algorithms, {@code auth-int} only and
 * {@code userhash=true} are not answered. What a phone chooses is here; the challenge and the
 * answer are the suite's one digest client ({@link DigestChallenge},
 * {@link org.phoneprov.common.auth.DigestAnswer}).
 */
public final class DigestAnswer {
    private DigestAnswer() {
    }

    /** A challenge this phone can answer, and whether the server said its last nonce was only stale. */
    record Challenge(DigestChallenge challenge, boolean stale) {
        String algorithm() {
            return challenge.algorithm().token();
        }
    }

    /** The first challenge among the {@code WWW-Authenticate} values that this phone can answer. */
    static Optional<Challenge> choose(List<String> wwwAuthenticate) {
        for (String value : wwwAuthenticate) {
            Optional<DigestChallenge> c = DigestChallenge.parse(value).filter(DigestAnswer::answerable);
            if (c.isPresent()) {
                boolean stale = DigestParams.parse(value).params()
                        .map(p -> "true".equalsIgnoreCase(p.get("stale"))).orElse(false);
                return Optional.of(new Challenge(c.get(), stale));
            }
        }
        return Optional.empty();
    }

    private static boolean answerable(DigestChallenge c) {
        if (c.algorithm().session() || c.userhash()) {
            return false;
        }
        if (c.qop().isEmpty()) {
            return c.algorithm() == DigestChallenge.Algorithm.MD5; // RFC 2069 had MD5 only
        }
        // auth-int only: the phone would have to hash a body it has not got
        return c.qop().contains("auth");
    }

    /**
     * The {@code Authorization} value answering {@code c}.
     *
     * @param uri    the request-target exactly as the request line names it
     * @param cnonce the client nonce (random per answer; fixed in tests)
     */
    static String authorization(Challenge c, DigestCredentials who, String method, String uri, String cnonce) {
        return org.phoneprov.common.auth.DigestAnswer.authorization(c.challenge(), who.user(), who.password(), method,
                uri, cnonce);
    }
}
