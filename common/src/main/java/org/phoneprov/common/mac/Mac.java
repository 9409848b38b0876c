package org.phoneprov.common.mac;

import java.util.Locale;
import java.util.Optional;

/**
 * A 48-bit Ethernet address. Admins and phones write MACs in many notations
 * ({@code 00:14:7F:E1:47:B3}, {@code 00-14-7f-e1-47-b3}, {@code 00147FE147B3},
 * {@code 0014.7fe1.47b3}); they all parse to the same value, and the canonical form
 * is the one the APS seed (section 2.1) puts in file names: 12 upper-case hex digits.
 */
public final class Mac implements Comparable<Mac> {
    private final long value;

    private Mac(long value) {
        this.value = value;
    }

    public static Mac of(long value) {
        return new Mac(value & 0xFFFF_FFFF_FFFFL);
    }

    public static Mac of(byte[] six) {
        if (six.length < 6) {
            throw new IllegalArgumentException("a MAC has 6 bytes, got " + six.length);
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (six[i] & 0xFF);
        }
        return new Mac(v);
    }

    /** Parses any usual notation; empty when the text is not a MAC. */
    public static Optional<Mac> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        String hex;
        if (s.length() == 12) {
            hex = s;
        } else if (s.length() == 17 && separatedEvery(s, 2, s.charAt(2))) {
            hex = strip(s, s.charAt(2));
        } else if (s.length() == 14 && separatedEvery(s, 4, '.')) {
            hex = strip(s, '.');
        } else {
            return Optional.empty();
        }
        if (hex.length() != 12) {
            return Optional.empty();
        }
        long v = 0;
        for (int i = 0; i < 12; i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                return Optional.empty();
            }
            v = (v << 4) | d;
        }
        return Optional.of(new Mac(v));
    }

    private static boolean separatedEvery(String s, int group, char sep) {
        if (sep != ':' && sep != '-' && sep != '.') {
            return false;
        }
        for (int i = group; i < s.length(); i += group + 1) {
            if (s.charAt(i) != sep) {
                return false;
            }
        }
        return true;
    }

    private static String strip(String s, char sep) {
        StringBuilder b = new StringBuilder(12);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != sep) {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    public long value() {
        return value;
    }

    /** 12 upper-case hex digits, as in {@code ST2030S_00147FE147B3.txt}. */
    public String hex() {
        return String.format(Locale.ROOT, "%012X", value);
    }

    /** {@code 00:14:7F:E1:47:B3}. */
    public String colon() {
        String h = hex();
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(h, i, i + 2);
        }
        return b.toString();
    }

    /** The first three bytes, the vendor's OUI. */
    public int oui() {
        return (int) (value >>> 24);
    }

    public byte[] bytes() {
        byte[] b = new byte[6];
        for (int i = 5; i >= 0; i--) {
            b[i] = (byte) (value >>> (8 * (5 - i)));
        }
        return b;
    }

    @Override
    public int compareTo(Mac o) {
        return Long.compare(value, o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mac m && m.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return colon();
    }
}
