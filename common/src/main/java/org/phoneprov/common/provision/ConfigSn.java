package org.phoneprov.common.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content hashes: {@code config_sn} and the names and tags that must change exactly
 * when content does.
 *
 * <p>The seed (2.1, 2.4.1 step 17) has the admin bump {@code config_sn} by hand, and a
 * phone applies its MAC config only when the number differs. Deriving it from the
 * content makes a forgotten bump, or a bump without a change, impossible. The number
 * sits inside the content it describes, so it is computed over the content with a
 * placeholder in its place.
 */
public final class ConfigSn {
    /** What templates see as {@code config_sn} during the first pass. */
    public static final String PLACEHOLDER = "@@PHONEPROV_CONFIG_SN@@";
    private static final long MOD = 1_000_000_000_000L;

    private ConfigSn() {
    }

    /** 12 decimal digits derived from the text with the placeholder in place. */
    public static String of(String contentWithPlaceholder) {
        byte[] h = sha256(contentWithPlaceholder.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xFF);
        }
        return String.format("%012d", Long.remainderUnsigned(v, MOD));
    }

    /** Replaces the placeholder with the derived number; returns the text unchanged if it has none. */
    public static String fill(String contentWithPlaceholder) {
        if (!contentWithPlaceholder.contains(PLACEHOLDER)) {
            return contentWithPlaceholder;
        }
        return contentWithPlaceholder.replace(PLACEHOLDER, of(contentWithPlaceholder));
    }

    /** The first {@code hexDigits} hex digits of SHA-256, for names and ETags. */
    public static String shortHash(byte[] content, int hexDigits) {
        return HexFormat.of().formatHex(sha256(content)).substring(0, hexDigits);
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
