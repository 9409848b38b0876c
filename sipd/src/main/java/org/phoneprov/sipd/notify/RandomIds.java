package org.phoneprov.sipd.notify;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Branches, tags, Call-IDs and cnonces. Secure random, because a cnonce must not be
 * guessable and a guessable Call-ID or branch would let another host answer for a phone.
 */
final class RandomIds {
    /** RFC 3261 8.1.1.7: the magic cookie that says the branch is globally unique. */
    static final String BRANCH_COOKIE = "z9hG4bK";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String branch() {
        return BRANCH_COOKIE + hex(12);
    }

    static String tag() {
        return hex(6);
    }

    static String callId() {
        return hex(16);
    }

    static String cnonce() {
        return hex(16);
    }
}
