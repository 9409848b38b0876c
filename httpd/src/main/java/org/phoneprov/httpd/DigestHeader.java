package org.phoneprov.httpd;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an {@code Authorization: Digest ...} field (RFC 7616 3.4, RFC 9110
 * 11.4): comma-separated {@code name=token} or {@code name="quoted string"} pairs. Names
 * are case-insensitive and come out lower case; a repeated name or broken quoting makes
 * the whole field malformed, so a client cannot smuggle a second value past a check.
 */
final class DigestHeader {
    /** Bounds what one field can cost to parse; a real one is a few hundred characters. */
    static final int MAX_LENGTH = 4096;

    sealed interface Result permits Absent, Malformed, Params {
    }

    /** No field, or another scheme (Basic, Bearer): the client has not tried digest. */
    record Absent() implements Result {
    }

    record Malformed(String why) implements Result {
    }

    record Params(Map<String, String> values) implements Result {
        Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }
    }

    private DigestHeader() {
    }

    static Result parse(String field) {
        if (field == null) {
            return new Absent();
        }
        String f = field.trim();
        if (f.length() < 6 || !f.regionMatches(true, 0, "Digest", 0, 6)
                || (f.length() > 6 && f.charAt(6) != ' ' && f.charAt(6) != '\t')) {
            return new Absent();
        }
        if (f.length() > MAX_LENGTH) {
            return new Malformed("too long");
        }
        Map<String, String> out = new HashMap<>();
        int i = 6;
        int n = f.length();
        while (true) {
            i = skip(f, i, " \t,");
            if (i >= n) {
                break;
            }
            int eq = f.indexOf('=', i);
            if (eq < 0) {
                return new Malformed("a parameter without '='");
            }
            String name = f.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !name.matches("[a-z0-9*_-]+")) {
                return new Malformed("a bad parameter name");
            }
            i = skip(f, eq + 1, " \t");
            StringBuilder value = new StringBuilder();
            if (i < n && f.charAt(i) == '"') {
                i++;
                while (i < n && f.charAt(i) != '"') {
                    char c = f.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = f.charAt(++i);
                    }
                    value.append(c);
                    i++;
                }
                if (i >= n) {
                    return new Malformed("an unterminated quoted string");
                }
                i++;
            } else {
                while (i < n && f.charAt(i) != ',' && f.charAt(i) != ' ' && f.charAt(i) != '\t') {
                    value.append(f.charAt(i++));
                }
            }
            if (out.put(name, value.toString()) != null) {
                return new Malformed("parameter '" + name + "' given twice");
            }
            i = skip(f, i, " \t");
            if (i < n && f.charAt(i) != ',') {
                return new Malformed("no ',' between parameters");
            }
        }
        return new Params(out);
    }

    private static int skip(String s, int i, String chars) {
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
