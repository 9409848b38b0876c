package org.phoneprov.common.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a {@code Digest} challenge or credentials header value, for HTTP
 * (RFC 7616 3.3, 3.4; RFC 7235 2.1) and SIP (RFC 3261 25.1 {@code digest-cln}): the
 * scheme, then a comma-separated list of {@code name=token} or
 * {@code name="quoted-string"}, where a backslash escapes the next character and commas
 * and {@code =} inside the quotes are text. Names are case-insensitive and come out lower
 * case; values come out as written, unquoted. Whitespace is SP, HTAB, CR and LF (SIP's
 * folded lines).
 *
 * <p>Strict, so that a client cannot smuggle a second value past a check: a repeated name
 * (RFC 7235 2.1: each parameter name MUST only occur once), a parameter without
 * {@code =}, a bad name, two parameters without a comma between them or an unterminated
 * quoted string make the whole value {@link Malformed}. Empty list elements are skipped
 * (RFC 7230 7). Stateless.
 */
public final class DigestParams {
    private static final String SCHEME = "Digest";
    /** RFC 7230 3.2.6 tchar, besides letters and digits. */
    private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";

    /** What a header value turned out to be. */
    public sealed interface Result permits Absent, Malformed, Params {
        /** The parameters when the value parsed; empty when it is absent or malformed. */
        default Optional<Map<String, String>> params() {
            return Optional.empty();
        }
    }

    /** No value, or another scheme (Basic, Bearer): no digest was tried. */
    public record Absent() implements Result {
    }

    /** @param why what was wrong, for a log line */
    public record Malformed(String why) implements Result {
    }

    /** @param values lower-case name to unquoted value */
    public record Params(Map<String, String> values) implements Result {
        public Params {
            values = Map.copyOf(values);
        }

        public Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public Optional<Map<String, String>> params() {
            return Optional.of(values);
        }
    }

    private DigestParams() {
    }

    public static Result parse(String headerValue) {
        return parse(headerValue, Integer.MAX_VALUE);
    }

    /**
     * As {@link #parse(String)}, but a digest value longer than {@code maxLength} (after
     * trimming) is {@link Malformed} unread: a server bounds what one field can cost.
     */
    public static Result parse(String headerValue, int maxLength) {
        if (headerValue == null) {
            return new Absent();
        }
        String v = headerValue.trim();
        int n = v.length();
        if (!v.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (n > SCHEME.length() && !isSpace(v.charAt(SCHEME.length())))) {
            return new Absent();
        }
        if (n > maxLength) {
            return new Malformed("too long");
        }
        Map<String, String> out = new HashMap<>();
        int i = SCHEME.length();
        while (true) {
            while (i < n && (isSpace(v.charAt(i)) || v.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                return new Params(out);
            }
            int nameStart = i;
            while (i < n && v.charAt(i) != '=' && v.charAt(i) != ',' && !isSpace(v.charAt(i))) {
                i++;
            }
            String name = v.substring(nameStart, i).toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                return new Malformed("a bad parameter name");
            }
            i = skipSpace(v, i);
            if (i >= n || v.charAt(i) != '=') {
                return new Malformed("a parameter without '='");
            }
            i = skipSpace(v, i + 1);
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
                    return new Malformed("an unterminated quoted string");
                }
                i++;
            } else {
                while (i < n && v.charAt(i) != ',' && !isSpace(v.charAt(i))) {
                    value.append(v.charAt(i++));
                }
            }
            if (out.put(name, value.toString()) != null) {
                return new Malformed("parameter '" + name + "' given twice");
            }
            i = skipSpace(v, i);
            if (i < n && v.charAt(i) != ',') {
                return new Malformed("no ',' between parameters");
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && TOKEN_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
