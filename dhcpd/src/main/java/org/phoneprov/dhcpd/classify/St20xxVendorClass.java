package org.phoneprov.dhcpd.classify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What an ST20xx phone says about itself in option 60 (APS seed 2.4): a list of
 * code/length/value fields, code 1 the manufacturer ({@code Thomson}), 2 the model
 * ({@code ST2030}), 3 the protocol ({@code SIP}). The lengths "may vary" (seed 2.4).
 *
 * <p>Two encodings reach us:
 * <ul>
 *   <li>the string form of the seed: code and length each as two ASCII decimal digits,
 *       {@code "01" "07" "Thomson" "02" "06" "ST2030" "03" "03" "SIP"} — the phones send it
 *       this way "since several servers have been found which cannot recognize non-string
 *       characters in this option" (seed 2.4);</li>
 *   <li>the binary form some firmwares send: code and length as raw bytes,
 *       {@code 01 07 "Thomson" 02 06 "ST2030" 03 03 "SIP"}.</li>
 * </ul>
 * A value is accepted only when its fields cover it exactly (trailing NUL padding
 * aside) and codes 1, 2 and 3 are all there; anything else is "not the ST20xx form".
 * Unknown codes are skipped; of a repeated code the first wins. Never throws.
 *
 * @param manufacturer field 1, as sent (compare case-insensitively)
 * @param hardware     field 2, e.g. {@code ST2030}
 * @param protocol     field 3, e.g. {@code SIP} or {@code MGCP}
 */
public record St20xxVendorClass(String manufacturer, String hardware, String protocol) {
    static final int MANUFACTURER = 1;
    static final int HARDWARE = 2;
    static final int PROTOCOL = 3;

    /** The ST20xx fields of option 60's value (without code and length); empty if it is not that form. */
    public static Optional<St20xxVendorClass> parse(byte[] option60) {
        if (option60 == null) {
            return Optional.empty();
        }
        int end = option60.length;
        while (end > 0 && option60[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return Optional.empty();
        }
        Optional<St20xxVendorClass> text = fields(option60, end, true);
        return text.isPresent() ? text : fields(option60, end, false);
    }

    /** Walks code/length/value fields; {@code asText}: code and length are two ASCII digits each. */
    private static Optional<St20xxVendorClass> fields(byte[] b, int end, boolean asText) {
        String[] values = new String[PROTOCOL + 1];
        int headerSize = asText ? 4 : 2;
        int i = 0;
        while (i < end) {
            if (end - i < headerSize) {
                return Optional.empty();
            }
            int code = asText ? twoDigits(b, i) : b[i] & 0xFF;
            int length = asText ? twoDigits(b, i + 2) : b[i + 1] & 0xFF;
            if (code < 0 || length < 0 || length > end - i - headerSize) {
                return Optional.empty();
            }
            int from = i + headerSize;
            if (code >= MANUFACTURER && code <= PROTOCOL && values[code] == null) {
                // ISO-8859-1 maps every byte to one char: no decoding errors, no sign extension.
                values[code] = new String(b, from, length, StandardCharsets.ISO_8859_1);
            }
            i = from + length;
        }
        if (values[MANUFACTURER] == null || values[HARDWARE] == null || values[PROTOCOL] == null) {
            return Optional.empty();
        }
        return Optional.of(new St20xxVendorClass(values[MANUFACTURER], values[HARDWARE], values[PROTOCOL]));
    }

    /** Two ASCII decimal digits at {@code at}, or -1. */
    private static int twoDigits(byte[] b, int at) {
        int hi = b[at] - '0';
        int lo = b[at + 1] - '0';
        if (hi < 0 || hi > 9 || lo < 0 || lo > 9) {
            return -1;
        }
        return hi * 10 + lo;
    }
}
