package org.phoneprov.httpd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.phoneprov.common.auth.DigestParams;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.HttpdSettings;

/**
 * HTTP digest access authentication (RFC 7616) with {@code qop=auth}, MD5 and SHA-256:
 * the challenges a 401 carries, and whether an Authorization field proves the device's
 * password. The password itself is only ever an input to a hash here.
 */
final class DigestAuth {

    /** What an Authorization field amounts to; {@link #word()} is what logs say. */
    enum Outcome {
        OK, NO_CREDENTIALS, MALFORMED, UNSUPPORTED, WRONG_REALM, WRONG_URI, UNKNOWN_NONCE, WRONG_USER,
        WRONG_PASSWORD, STALE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Worth a log line: the client sent credentials that are wrong. No credentials, an
         * expired nonce or one from before a restart are the normal course of digest.
         */
        boolean failure() {
            return this != OK && this != NO_CREDENTIALS && this != STALE && this != UNKNOWN_NONCE;
        }
    }

    /** Bounds what one Authorization field can cost to parse; a real one is a few hundred characters. */
    static final int MAX_FIELD_LENGTH = 4096;

    private final Nonces nonces;

    DigestAuth(Nonces nonces) {
        this.nonces = nonces;
    }

    /** One WWW-Authenticate value per algorithm, in the configured order, sharing one nonce. */
    List<String> challenges(HttpdSettings.Access access, String client, long nowMillis, boolean stale) {
        String nonce = nonces.issue(nowMillis, client);
        List<String> out = new ArrayList<>(access.algorithms().size());
        for (String algorithm : access.algorithms()) {
            out.add("Digest realm=\"" + access.realm() + "\", qop=\"auth\", algorithm=" + algorithm + ", nonce=\""
                    + nonce + "\"" + (stale ? ", stale=true" : ""));
        }
        return out;
    }

    /**
     * @param method     the request method as sent (A2 uses it)
     * @param requestUri the request-target as sent; the field's {@code uri} must equal it
     * @param client     the client's address, which the nonce was bound to
     */
    Outcome verify(HttpdSettings.Access access, Device.HttpCredentials expected, String method, String requestUri,
                   String authorization, String client, long nowMillis) {
        DigestParams.Result parsed = DigestParams.parse(authorization, MAX_FIELD_LENGTH);
        if (parsed instanceof DigestParams.Absent) {
            return Outcome.NO_CREDENTIALS;
        }
        if (!(parsed instanceof DigestParams.Params p)) {
            return Outcome.MALFORMED;
        }
        for (String required : new String[] {"username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce"}) {
            if (p.get(required).isEmpty()) {
                return Outcome.MALFORMED;
            }
        }
        if (!p.get("nc").orElseThrow().matches("[0-9a-fA-F]{8}")) {
            return Outcome.MALFORMED;
        }
        String algorithm = p.get("algorithm").orElse("MD5").toUpperCase(Locale.ROOT);
        if (!access.algorithms().contains(algorithm) || !p.get("qop").orElseThrow().equalsIgnoreCase("auth")
                || p.get("userhash").map(u -> u.equalsIgnoreCase("true")).orElse(false)) {
            return Outcome.UNSUPPORTED;
        }
        if (!p.get("realm").orElseThrow().equals(access.realm())) {
            return Outcome.WRONG_REALM;
        }
        if (!p.get("uri").orElseThrow().equals(requestUri)) {
            return Outcome.WRONG_URI;
        }
        String nonce = p.get("nonce").orElseThrow();
        Nonces.Check fresh = nonces.check(nonce, nowMillis, access.nonceSeconds(), client);
        if (fresh == Nonces.Check.INVALID) {
            return Outcome.UNKNOWN_NONCE;
        }
        if (!p.get("username").orElseThrow().equals(expected.user())) {
            return Outcome.WRONG_USER;
        }
        String want = response(algorithm, expected.user(), access.realm(), expected.password(), method, requestUri,
                nonce, p.get("nc").orElseThrow(), p.get("cnonce").orElseThrow(), "auth");
        byte[] got = p.get("response").orElseThrow().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(want.getBytes(StandardCharsets.US_ASCII), got)) {
            return Outcome.WRONG_PASSWORD;
        }
        return fresh == Nonces.Check.STALE ? Outcome.STALE : Outcome.OK;
    }

    /** RFC 7616 3.4.1: KD(H(A1), nonce:nc:cnonce:qop:H(A2)), A1 = user:realm:password, A2 = method:uri. */
    static String response(String algorithm, String user, String realm, String password, String method, String uri,
                           String nonce, String nc, String cnonce, String qop) {
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        return hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private static String hash(String algorithm, String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
