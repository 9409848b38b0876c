package org.phoneprov.sipd.message;

import java.util.random.RandomGenerator;

/** Tags and branches: RFC 3261 19.3 asks for at least 32 random bits; we use 64. */
public final class SipIds {
    /** RFC 3261 8.1.1.7: the magic cookie marking an RFC 3261 branch. */
    public static final String BRANCH_COOKIE = "z9hG4bK";

    private SipIds() {
    }

    public static String tag(RandomGenerator random) {
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    public static String branch(RandomGenerator random) {
        return BRANCH_COOKIE + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
