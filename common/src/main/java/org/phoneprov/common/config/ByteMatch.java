package org.phoneprov.common.config;

import java.util.Arrays;

/**
 * A condition on an option's raw bytes (DHCP options 60 and 77 are bytes, not text:
 * matching on bytes avoids charset and sign-extension surprises).
 */
public record ByteMatch(Kind kind, byte[] pattern) {
    public enum Kind { EQUALS, CONTAINS, PREFIX }

    public boolean test(byte[] value) {
        return switch (kind) {
            case EQUALS -> Arrays.equals(value, pattern);
            case PREFIX -> value.length >= pattern.length
                    && Arrays.equals(value, 0, pattern.length, pattern, 0, pattern.length);
            case CONTAINS -> indexOf(value, pattern) >= 0;
        };
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
