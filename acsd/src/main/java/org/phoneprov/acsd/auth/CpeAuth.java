package org.phoneprov.acsd.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.common.auth.DigestParams;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.SuiteConfig;

/**
 * Who a CPE is (TR-069 Amendment 6, 3.4.4: the ACS authenticates the CPE with HTTP Basic or
 * Digest; Basic only over TLS). The credentials are the inventory's per-device
 * {@code http_user}/{@code http_password} (the user defaults to the MAC), which the CPE holds
 * as ManagementServer.Username/Password. Over plain HTTP only Digest (RFC 7616 with RFC 2617
 * compatibility: MD5, qop=auth) is accepted; over TLS Basic too. A device without
 * {@code http_password} cannot authenticate, so it is refused like an unknown one.
 */
public final class CpeAuth {
    /** Bounds what one Authorization field can cost to parse. */
    static final int MAX_FIELD = 4096;

    /** How an Authorization field turned out; a refusal says why, for the rate-limited log line. */
    public sealed interface Outcome {
    }

    /** Proven: this device. */
    public record Accepted(Device device) implements Outcome {
    }

    /** No (usable) credentials yet: answer 401 with this challenge; {@code stale} after an expired nonce. */
    public record Challenge(String wwwAuthenticate, String why) implements Outcome {
    }

    /** Wrong or unknown credentials: 401 and close. {@code user} is the sanitised name the CPE gave. */
    public record Refused(String reason, String user) implements Outcome {
    }

    private final NonceBook nonces;
    private final String realm;

    public CpeAuth(NonceBook nonces, String realm) {
        this.nonces = nonces;
        this.realm = realm;
    }

    public Challenge challenge(String why, boolean stale, long nowMillis) {
        return new Challenge("Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=MD5, nonce=\""
                + nonces.issue(nowMillis) + "\"" + (stale ? ", stale=true" : ""), why);
    }

    public Outcome check(SuiteConfig config, String method, String uri, Optional<String> authorization, boolean tls,
                         long nowMillis) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return challenge("no credentials", false, nowMillis);
        }
        String field = authorization.get().strip();
        if (field.regionMatches(true, 0, "Basic ", 0, 6)) {
            return tls ? basic(config, field.substring(6).strip()) : challenge("basic over plain http", false, nowMillis);
        }
        return digest(config, method, uri, field, nowMillis);
    }

    private Outcome basic(SuiteConfig config, String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Refused("malformed", "-");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Refused("malformed", "-");
        }
        String user = decoded.substring(0, colon);
        Optional<Device> d = byUser(config, user);
        if (d.isEmpty()) {
            return new Refused("unknown_device", safe(user));
        }
        return equal(d.get().http().orElseThrow().password(), decoded.substring(colon + 1))
                ? new Accepted(d.get()) : new Refused("wrong_password", safe(user));
    }

    private Outcome digest(SuiteConfig config, String method, String uri, String field, long nowMillis) {
        DigestParams.Result parsed = DigestParams.parse(field, MAX_FIELD);
        if (!(parsed instanceof DigestParams.Params p)) {
            return new Refused("malformed", "-");
        }
        for (String required : new String[] {"username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce"}) {
            if (p.get(required).isEmpty()) {
                return new Refused("malformed", safe(p.get("username").orElse("-")));
            }
        }
        String user = p.get("username").orElseThrow();
        String nc = p.get("nc").orElseThrow();
        if (!nc.matches("[0-9a-fA-F]{8}") || !p.get("qop").orElseThrow().equalsIgnoreCase("auth")
                || !p.get("algorithm").orElse("MD5").equalsIgnoreCase("MD5") || !p.get("realm").orElseThrow().equals(realm)
                || !p.get("uri").orElseThrow().equals(uri)) {
            return new Refused("unsupported", safe(user));
        }
        Optional<Device> d = byUser(config, user);
        if (d.isEmpty()) {
            return new Refused("unknown_device", safe(user));
        }
        Device.HttpCredentials c = d.get().http().orElseThrow();
        String want = DigestAnswer.response(DigestChallenge.Algorithm.MD5, user, realm, c.password(),
                p.get("nonce").orElseThrow(), p.get("cnonce").orElseThrow(), nc, Optional.of("auth"), method, uri,
                new byte[0]);
        if (!equal(want, p.get("response").orElseThrow().toLowerCase(Locale.ROOT))) {
            return new Refused("wrong_password", safe(user));
        }
        // Only a correct answer spends the nonce count, so a forged one cannot burn a CPE's nonce.
        return switch (nonces.use(p.get("nonce").orElseThrow(), Long.parseLong(nc, 16), nowMillis)) {
            case FRESH -> new Accepted(d.get());
            case EXPIRED -> challenge("nonce expired", true, nowMillis);
            case UNKNOWN -> challenge("unknown nonce", false, nowMillis);
            case REPLAYED -> new Refused("replayed", safe(user));
        };
    }

    /** The device whose {@code http_user} (default: its MAC, as 12 hex digits) is {@code user}. */
    static Optional<Device> byUser(SuiteConfig config, String user) {
        for (Device d : config.devices().values()) {
            if (d.http().isPresent() && d.http().get().user().equals(user)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A name for a log line: printable ASCII, at most 64 characters. */
    static String safe(String user) {
        String s = user.replaceAll("[^\\x21-\\x7e]", "?");
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
