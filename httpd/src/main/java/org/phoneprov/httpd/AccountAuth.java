package org.phoneprov.httpd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.phoneprov.common.auth.DigestParams;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.HttpdSettings;

/**
 * Who an Authorization field proves to be, among accounts that are not devices: the provider
 * accounts of the redirect API and the activation codes. Digest (RFC 7616, {@link DigestAuth})
 * always; Basic (RFC 7617) only where the caller allows it: the redirect API, whose known clients
 * (peoplefone's provisioning-rpc, nethesis' falconieri, python's xmlrpc.client with a user in the
 * URL) send Basic (docs/vendor-formats.md section 3). The activation code is digest only (Gigaset
 * seed, "Security aspects": "Use of HTTP digest for authentication (for Autoprovisioning with
 * Activation Code)").
 */
final class AccountAuth {
    /** The account proven; or why not, and whether that was a wrong guess (counted) or the normal first 401. */
    sealed interface Result permits Proven, Refused {
    }

    record Proven(String user) implements Result {
    }

    /**
     * @param word  for the log: no_credentials, malformed, unknown_user, wrong_password, stale, ...
     * @param guess the client sent credentials that are wrong: counts toward the throttle
     * @param stale the nonce expired: challenge again with {@code stale=true}
     */
    record Refused(String word, boolean guess, boolean stale) implements Result {
    }

    private static final String BASIC = "basic ";
    private final DigestAuth digest;

    AccountAuth(DigestAuth digest) {
        this.digest = digest;
    }

    /** The challenges of a 401: the digest ones, then Basic when allowed. */
    List<String> challenges(HttpdSettings.Access access, boolean basic, String client, long nowMillis,
                            boolean stale) {
        List<String> out = new ArrayList<>(digest.challenges(access, client, nowMillis, stale));
        if (basic) {
            out.add("Basic realm=\"" + access.realm() + "\", charset=\"UTF-8\"");
        }
        return out;
    }

    /**
     * @param accounts the account's credentials by user name; empty for an unknown user
     */
    Result check(HttpdSettings.Access access, Function<String, Optional<Device.HttpCredentials>> accounts,
                 boolean basic, String method, String uri, String authorization, String client, long nowMillis) {
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return basic ? basic(accounts, authorization.substring(BASIC.length()).strip())
                    : new Refused("basic_not_accepted", false, false);
        }
        DigestParams.Result parsed = DigestParams.parse(authorization, DigestAuth.MAX_FIELD_LENGTH);
        if (parsed instanceof DigestParams.Absent) {
            return new Refused("no_credentials", false, false);
        }
        Optional<String> user = parsed.params().map(p -> p.get("username"));
        if (user.isEmpty()) {
            return new Refused("malformed", true, false);
        }
        Optional<Device.HttpCredentials> expected = accounts.apply(user.get());
        if (expected.isEmpty()) {
            return new Refused("unknown_user", true, false);
        }
        DigestAuth.Outcome o = digest.verify(access, expected.get(), method, uri, authorization, client, nowMillis);
        return switch (o) {
            case OK -> new Proven(expected.get().user());
            case STALE, UNKNOWN_NONCE -> new Refused(o.word(), false, true);
            case NO_CREDENTIALS -> new Refused(o.word(), false, false);
            default -> new Refused(o.word(), o.failure(), false);
        };
    }

    private static Result basic(Function<String, Optional<Device.HttpCredentials>> accounts, String token) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return new Refused("malformed", true, false);
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return new Refused("malformed", true, false);
        }
        Optional<Device.HttpCredentials> expected = accounts.apply(pair.substring(0, colon));
        if (expected.isEmpty()) {
            return new Refused("unknown_user", true, false);
        }
        boolean same = MessageDigest.isEqual(expected.get().password().getBytes(StandardCharsets.UTF_8),
                pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return same ? new Proven(expected.get().user()) : new Refused("wrong_password", true, false);
    }

    /** For logs: the scheme a client used, never its credentials. */
    static String scheme(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "none";
        }
        int sp = authorization.indexOf(' ');
        String s = (sp < 0 ? authorization : authorization.substring(0, sp)).toLowerCase(Locale.ROOT);
        return s.length() <= 16 && s.chars().allMatch(Character::isLetter) ? s : "other";
    }
}
