package org.phoneprov.apid;

import java.util.List;
import java.util.Optional;
import org.phoneprov.common.config.HttpdSettings.ProbeLimit;
import org.phoneprov.common.config.ServerKeys;

/**
 * The management API's settings beyond where it listens.
 *
 * @param tls         HTTPS; required unless the API is bound to a loopback address
 * @param tokens      who may call it; never empty when the API runs
 * @param wrongTokens how many wrong tokens an address may present before it is blocked
 */
public record ApiSettings(Optional<ServerKeys> tls, List<Token> tokens, ProbeLimit wrongTokens) {
    /** The 10th wrong token within a minute blocks the address for five minutes. */
    public static final ProbeLimit WRONG_TOKENS = new ProbeLimit(9, 60, 300, 10_000);

    public ApiSettings {
        tokens = List.copyOf(tokens);
    }

    public static ApiSettings defaults() {
        return new ApiSettings(Optional.empty(), List.of(), WRONG_TOKENS);
    }

    /** What a token may do. */
    public enum Role {
        /** Read everything; change nothing (a Prometheus scraper, a wall display). */
        READ,
        /** Also change devices, reload, send check-sync. */
        ADMIN
    }

    /**
     * One caller. Only the token's SHA-256 is kept, so neither a heap dump nor a log line
     * holds the secret.
     *
     * @param sha256 SHA-256 of the token's UTF-8 bytes
     */
    public record Token(String name, Role role, byte[] sha256) {
        public Token {
            sha256 = sha256.clone();
        }

        @Override
        public byte[] sha256() {
            return sha256.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Token t && t.name.equals(name) && t.role == role
                    && java.util.Arrays.equals(t.sha256, sha256);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return "Token[" + name + ", " + role + ", ***]";
        }
    }
}
