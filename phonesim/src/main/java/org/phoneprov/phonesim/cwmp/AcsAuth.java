package org.phoneprov.phonesim.cwmp;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.common.auth.DigestParams;

/**
 * How the CPE authenticates to its ACS with ManagementServer.Username and Password (TR-069
 * Amendment 6, 3.4.5: HTTP basic or digest, RFC 7617/7616). After a 401 the CPE answers the
 * challenge; later requests of the session reuse the digest nonce with the next nonce-count
 * (RFC 7616 3.4: nc "MUST be incremented" for each request with the same nonce) until the
 * server calls it stale, and Basic is sent with every request. Digest MD5 and SHA-256 with
 * qop=auth, or MD5 without qop (RFC 2069) are answered; a server offering both Digest and
 * Basic gets Digest.
 */
final class AcsAuth {
    private final String user;
    private final String password;
    private final SecureRandom random = new SecureRandom();
    private Optional<DigestChallenge> digest = Optional.empty();
    private boolean basic;
    private int nc;

    AcsAuth(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** What the challenge of a 401 comes to: answerable (then ask again), or not. */
    enum Challenge { ANSWER, STALE, GIVE_UP }

    /**
     * Takes a 401's {@code WWW-Authenticate} values. A second 401 to a fresh answer means the
     * credentials are wrong: give up, unless the server only said the nonce was stale.
     */
    Challenge challenged(List<String> wwwAuthenticate, boolean alreadyAnswered) {
        for (String v : wwwAuthenticate) {
            Optional<DigestChallenge> c = DigestChallenge.parse(v).filter(AcsAuth::answerable);
            if (c.isPresent()) {
                boolean stale = DigestParams.parse(v).params()
                        .map(p -> "true".equalsIgnoreCase(p.get("stale"))).orElse(false);
                if (alreadyAnswered && !stale) {
                    return Challenge.GIVE_UP;
                }
                digest = c;
                nc = 0;
                basic = false;
                return stale ? Challenge.STALE : Challenge.ANSWER;
            }
        }
        boolean offersBasic = wwwAuthenticate.stream().anyMatch(v -> v.trim().regionMatches(true, 0, "Basic", 0, 5));
        if (offersBasic && !alreadyAnswered) {
            basic = true;
            digest = Optional.empty();
            return Challenge.ANSWER;
        }
        return Challenge.GIVE_UP;
    }

    /** The {@code Authorization} value for the next request, or empty before any challenge. */
    Optional<String> authorization(String method, String uri) {
        if (basic) {
            return Optional.of("Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (digest.isEmpty()) {
            return Optional.empty();
        }
        DigestChallenge c = digest.get();
        nc++;
        String count = String.format("%08x", nc);
        byte[] b = new byte[8];
        random.nextBytes(b);
        String cnonce = HexFormat.of().formatHex(b);
        Optional<String> qop = c.chosenQop();
        String response = DigestAnswer.response(c.algorithm(), user, c.realm(), password, c.nonce(), cnonce, count,
                qop, method, uri, new byte[0]);
        StringBuilder h = new StringBuilder("Digest username=\"").append(quoted(user)).append("\", realm=\"")
                .append(quoted(c.realm())).append("\", nonce=\"").append(quoted(c.nonce())).append("\", uri=\"")
                .append(quoted(uri)).append("\", response=\"").append(response).append('"');
        if (c.algorithmNamed()) {
            h.append(", algorithm=").append(c.algorithm().token());
        }
        c.opaque().ifPresent(o -> h.append(", opaque=\"").append(quoted(o)).append('"'));
        qop.ifPresent(q -> h.append(", qop=").append(q).append(", nc=").append(count).append(", cnonce=\"")
                .append(cnonce).append('"'));
        return Optional.of(h.toString());
    }

    private static boolean answerable(DigestChallenge c) {
        if (c.algorithm().session() || c.userhash()) {
            return false;
        }
        return c.qop().isEmpty() ? c.algorithm() == DigestChallenge.Algorithm.MD5 : c.qop().contains("auth");
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
