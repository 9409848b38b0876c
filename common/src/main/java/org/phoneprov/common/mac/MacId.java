package org.phoneprov.common.mac;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Gigaset MAC-ID: the MAC address plus a 4-character check part, as printed on the housing
 * and the packaging, e.g. {@code 7C2F80123456-1A2B}. The seed (Gigaset overview, section "MAC
 * based autoprovisioning for retail devices") says: "For the Gigaset VoIP phones the MAC address
 * inclusive a checksum is used for identification. This „ID“ is printed on the housing and on the
 * packaging." The redirect service's clients pass it as {@code 123456ABCDEF-1234}
 * (peoplefone/provisioning-rpc README, Gigaset section) and accept the check part as
 * {@code ^[A-Z0-9]{4}$} (nethesis/falconieri {@code methods/providerDispatch.go}), so it is not
 * necessarily hex.
 *
 * <p><b>The check part cannot be verified.</b> Gigaset has not published how it is computed
 * (docs/vendor-formats.md section 3: "The checksum algorithm: NOT FOUND"; both clients above
 * need the caller to supply it). So {@link #parse} accepts any four letters or digits; what it
 * is good for is telling two MAC-IDs of the same MAC apart: {@link #agreesWith} says whether a
 * MAC-ID given now can be the one a registration was made with.
 *
 * <p>A bare MAC in any notation {@link Mac#parse} accepts is a MAC-ID without a check part.
 * Only ASCII is accepted: {@code Character.digit} would also take e.g. full-width digits.
 */
public final class MacId {
    /** The length of {@code 123456ABCDEF-1A2B}. */
    private static final int TEXT_LENGTH = 17;
    private static final int CHECK_LENGTH = 4;

    private final Mac mac;
    private final String check; // upper case, or null when the text was a bare MAC

    private MacId(Mac mac, String check) {
        this.mac = mac;
        this.check = check;
    }

    /** A bare MAC, no check part. */
    public static MacId of(Mac mac) {
        return new MacId(Objects.requireNonNull(mac, "mac"), null);
    }

    /**
     * A MAC with a check part of four ASCII letters or digits (any case, kept upper case).
     *
     * @throws IllegalArgumentException when {@code check} is not such a part
     */
    public static MacId of(Mac mac, String check) {
        Objects.requireNonNull(mac, "mac");
        if (!isCheckPart(check)) {
            throw new IllegalArgumentException("a MAC-ID check part is 4 letters or digits, got " + check);
        }
        return new MacId(mac, check.toUpperCase(Locale.ROOT));
    }

    /**
     * Parses {@code 123456ABCDEF-1A2B} (12 hex digits, '-', 4 letters or digits, any case) or a
     * bare MAC ({@code 12:34:56:AB:CD:EF}, {@code 123456abcdef}, ...). Surrounding white space is
     * ignored. Empty when the text is neither.
     */
    public static Optional<MacId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (!isAscii(s)) {
            return Optional.empty();
        }
        if (s.length() == TEXT_LENGTH && s.charAt(12) == '-' && isHex(s, 0, 12)) {
            String check = s.substring(13);
            if (!isCheckPart(check)) {
                return Optional.empty();
            }
            return Mac.parse(s.substring(0, 12)).map(m -> new MacId(m, check.toUpperCase(Locale.ROOT)));
        }
        return Mac.parse(s).map(MacId::of);
    }

    public Mac mac() {
        return mac;
    }

    /** The 4-character check part, upper case; empty for a bare MAC. */
    public Optional<String> check() {
        return Optional.ofNullable(check);
    }

    /**
     * Whether this MAC-ID and {@code other} can name the same device: the same MAC, and check
     * parts that do not contradict (equal, or at least one of them absent). Two different check
     * parts for one MAC mean one of them is wrong; which one cannot be told (see the class comment).
     */
    public boolean agreesWith(MacId other) {
        return mac.equals(other.mac) && (check == null || other.check == null || check.equals(other.check));
    }

    /** {@code 7C2F80123456-1A2B}, or the 12 hex digits alone without a check part. */
    public String text() {
        return check == null ? mac.hex() : mac.hex() + "-" + check;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacId m && m.mac.equals(mac) && Objects.equals(m.check, check);
    }

    @Override
    public int hashCode() {
        return mac.hashCode() * 31 + Objects.hashCode(check);
    }

    @Override
    public String toString() {
        return text();
    }

    private static boolean isCheckPart(String s) {
        if (s == null || s.length() != CHECK_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
