package org.phoneprov.acsd.request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CPE's {@code WWW-Authenticate: Digest ...} challenge and the ACS's answer to it, as plain
 * Java (RFC 2617 section 3.2; MD5 only, as TR-069 3.2.2 requires of CPEs). When the challenge
 * offers {@code qop="auth"} the answer uses it with a client nonce and nonce count; when it offers
 * no qop, the answer is the RFC 2069 form without qop, cnonce or nc, which such CPEs expect.
 */
public record DigestChallenge(String realm, String nonce, Optional<String> opaque, boolean qopAuth) {

    /** Parses the first Digest challenge of a header value; empty when there is none or it is not MD5. */
    public static Optional<DigestChallenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> p = params(h.substring(7));
        String algorithm = p.getOrDefault("algorithm", "MD5");
        if (!p.containsKey("realm") || !p.containsKey("nonce") || !algorithm.equalsIgnoreCase("MD5")) {
            return Optional.empty();
        }
        boolean auth = false;
        for (String q : p.getOrDefault("qop", "").split(",")) {
            auth |= q.trim().equalsIgnoreCase("auth");
        }
        return Optional.of(new DigestChallenge(p.get("realm"), p.get("nonce"), Optional.ofNullable(p.get("opaque")),
                auth));
    }

    /** The {@code Authorization} header value for {@code method uri}. */
    public String answer(String user, String password, String method, String uri, String cnonce) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        StringBuilder b = new StringBuilder("Digest username=\"").append(quote(user)).append("\", realm=\"")
                .append(quote(realm)).append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"")
                .append(quote(uri)).append("\", algorithm=MD5");
        if (qopAuth) {
            String nc = "00000001";
            String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\", response=\"")
                    .append(response).append('"');
        } else {
            b.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        opaque.ifPresent(o -> b.append(", opaque=\"").append(quote(o)).append('"'));
        return b.toString();
    }

    /** {@code key=value} and {@code key="quoted, value"} pairs, keys lower-cased. */
    static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ',') {
                    v.append(s.charAt(i++));
                }
            }
            out.putIfAbsent(key, v.toString().trim());
        }
        return out;
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
