package org.phoneprov.phonesim.sip;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a {@code Digest} credentials or challenge header value (RFC 2617
 * 3.2): {@code name=token} or {@code name="quoted \" string"}, comma separated. Names
 * are lower-cased; values are kept as written, unquoted.
 */
final class DigestParams {
    private DigestParams() {
    }

    /** Empty when the scheme is not Digest or the list is malformed. */
    static Optional<Map<String, String>> parse(String headerValue) {
        String v = headerValue.trim();
        int i = 0;
        int n = v.length();
        while (i < n && !Character.isWhitespace(v.charAt(i))) {
            i++;
        }
        if (!v.substring(0, i).equalsIgnoreCase("Digest")) {
            return Optional.empty();
        }
        Map<String, String> out = new HashMap<>();
        while (true) {
            while (i < n && (v.charAt(i) == ',' || Character.isWhitespace(v.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                return Optional.of(out);
            }
            int nameStart = i;
            while (i < n && v.charAt(i) != '=' && v.charAt(i) != ',' && !Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            String name = v.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            if (i >= n || v.charAt(i) != '=' || name.isEmpty()) {
                return Optional.empty();
            }
            i++;
            while (i < n && Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && v.charAt(i) == '"') {
                i++;
                while (i < n && v.charAt(i) != '"') {
                    if (v.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(v.charAt(i++));
                }
                if (i >= n) {
                    return Optional.empty(); // unterminated quoted string
                }
                i++;
            } else {
                while (i < n && v.charAt(i) != ',' && !Character.isWhitespace(v.charAt(i))) {
                    value.append(v.charAt(i++));
                }
            }
            out.put(name, value.toString());
        }
    }
}
