package org.phoneprov.apid.auth;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.phoneprov.apid.ApiReader;
import org.phoneprov.apid.ApiSettings;
import org.phoneprov.common.guard.ProbeThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling: a bearer token ({@code Authorization: Bearer ...}, RFC 6750) checked
 * against the configured tokens' SHA-256 in constant time. A wrong token counts against
 * the address ({@code api.wrong_tokens}); the one over the limit blocks it. A missing
 * token counts nothing: it is not a guess. The token itself is never logged, not even in part.
 */
public final class TokenGate {
    private static final Logger LOG = LoggerFactory.getLogger(TokenGate.class);
    private static final String BEARER = "bearer ";

    private final Supplier<ApiSettings> settings;
    private final ProbeThrottle wrong = new ProbeThrottle();
    private final LongSupplier millis;

    /** How a call fared at the gate. */
    public sealed interface Verdict {
        record Allowed(ApiSettings.Token token) implements Verdict {
        }

        /** 401: no token, or a wrong one. */
        record Unauthorized() implements Verdict {
        }

        /** 429: this address guessed wrong too often. */
        record Blocked(long retryAfterSeconds) implements Verdict {
        }
    }

    public TokenGate(Supplier<ApiSettings> settings, LongSupplier millis) {
        this.settings = settings;
        this.millis = millis;
    }

    /** Checks an {@code Authorization} header value (or a session's token) from {@code client}. */
    public Verdict check(Optional<String> authorization, InetAddress client) {
        long left = wrong.blockedFor(client, millis.getAsLong());
        if (left > 0) {
            return new Verdict.Blocked((left + 999) / 1000);
        }
        Optional<String> token = authorization.filter(a -> a.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(a -> a.substring(BEARER.length()).strip());
        if (token.isEmpty()) {
            return new Verdict.Unauthorized();
        }
        Optional<ApiSettings.Token> found = match(token.get(), settings.get().tokens());
        if (found.isPresent()) {
            return new Verdict.Allowed(found.get());
        }
        int count = wrong.notFound(client, millis.getAsLong(), settings.get().wrongTokens());
        if (count > 0) {
            LOG.warn("api.token_guess_blocked client={} wrong={} block_seconds={} (wrong tokens; every call from"
                    + " it gets 429 until then)", client.getHostAddress(), count,
                    settings.get().wrongTokens().blockSeconds());
        } else {
            LOG.info("api.token_refused client={}", client.getHostAddress());
        }
        return new Verdict.Unauthorized();
    }

    /** Every configured token is compared, matched or not, so the time says nothing of which came close. */
    static Optional<ApiSettings.Token> match(String presented, List<ApiSettings.Token> tokens) {
        byte[] digest = ApiReader.sha256(presented);
        ApiSettings.Token hit = null;
        for (ApiSettings.Token t : tokens) {
            if (MessageDigest.isEqual(digest, t.sha256()) && hit == null) {
                hit = t;
            }
        }
        return Optional.ofNullable(hit);
    }
}
