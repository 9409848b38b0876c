package org.phoneprov.common.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Digest challenge of a {@code WWW-Authenticate} or {@code Proxy-Authenticate}
 * header (RFC 2617 3.2.1, RFC 7616 3.3), parsed from the header value. Only what
 * answering needs is kept.
 *
 * @param algorithmNamed whether the challenge said {@code algorithm=}; when it did not,
 *                       MD5 is meant and the answer does not name one either
 * @param qop            the offered qop tokens, lower case; empty for an RFC 2069 challenge
 */
public record DigestChallenge(String realm, String nonce, Optional<String> opaque, Algorithm algorithm,
                              boolean algorithmNamed, List<String> qop, boolean userhash) {

    /** The algorithms of RFC 7616 3.3 (and RFC 8760 for SIP), strongest first. */
    public enum Algorithm {
        SHA_512_256("SHA-512-256", "SHA-512/256", false),
        SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true),
        SHA_256("SHA-256", "SHA-256", false),
        SHA_256_SESS("SHA-256-sess", "SHA-256", true),
        MD5("MD5", "MD5", false),
        MD5_SESS("MD5-sess", "MD5", true);

        private final String token;
        private final String javaName;
        private final boolean session;

        Algorithm(String token, String javaName, boolean session) {
            this.token = token;
            this.javaName = javaName;
            this.session = session;
        }

        public String token() {
            return token;
        }

        /** The {@link java.security.MessageDigest} name. */
        public String javaName() {
            return javaName;
        }

        /** A {@code -sess} variant: HA1 also covers the nonce and cnonce. */
        public boolean session() {
            return session;
        }

        public static Optional<Algorithm> parse(String token) {
            for (Algorithm a : values()) {
                if (a.token.equalsIgnoreCase(token.trim())) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    public DigestChallenge {
        qop = List.copyOf(qop);
    }

    /**
     * Parses {@code Digest realm="...", nonce="...", ...} ({@link DigestParams}). Empty when
     * the scheme is not Digest, the parameters are malformed, the nonce is missing, or the
     * algorithm is one we cannot compute.
     */
    public static Optional<DigestChallenge> parse(String headerValue) {
        Optional<Map<String, String>> params = DigestParams.parse(headerValue).params();
        if (params.isEmpty() || !params.get().containsKey("nonce")) {
            return Optional.empty();
        }
        Map<String, String> p = params.get();
        String algorithmText = p.get("algorithm");
        Optional<Algorithm> algorithm = algorithmText == null ? Optional.of(Algorithm.MD5)
                : Algorithm.parse(algorithmText);
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        List<String> qop = new ArrayList<>();
        if (p.containsKey("qop")) {
            for (String q : p.get("qop").split(",")) {
                if (!q.isBlank()) {
                    qop.add(q.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.of(new DigestChallenge(p.getOrDefault("realm", ""), p.get("nonce"),
                Optional.ofNullable(p.get("opaque")), algorithm.get(), algorithmText != null, qop,
                "true".equalsIgnoreCase(p.getOrDefault("userhash", ""))));
    }

    /**
     * The challenge to answer among several (a phone may offer SHA-256 and MD5, RFC 8760
     * 2.4): the strongest we can compute.
     */
    public static Optional<DigestChallenge> strongest(List<String> headerValues) {
        return headerValues.stream().map(DigestChallenge::parse).flatMap(Optional::stream)
                .min(Comparator.comparing(DigestChallenge::algorithm));
    }

    /** {@code auth} when offered; {@code auth-int} only when it is all there is; empty for RFC 2069. */
    public Optional<String> chosenQop() {
        if (qop.contains("auth")) {
            return Optional.of("auth");
        }
        if (qop.contains("auth-int")) {
            return Optional.of("auth-int");
        }
        return Optional.empty();
    }
}
