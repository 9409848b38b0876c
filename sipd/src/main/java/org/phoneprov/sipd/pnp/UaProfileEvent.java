package org.phoneprov.sipd.pnp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Event} header of a plug-and-play SUBSCRIBE, read tolerantly (RFC 6080 4.1:
 * {@code Event: ua-profile;profile-type="device";vendor="OEM";model="OEM";version="7.1.19"}).
 * Phones differ: parameter names and values come quoted or not, in any case, with
 * spaces around {@code =} and {@code ;}. Several firmwares misspell {@code vendor}
 * ({@code vender}, {@code vendor-id}, {@code vendorid}), so when there is no parameter
 * named exactly {@code vendor}, the first one whose lower-cased name starts with
 * {@code vend} is taken as the vendor.
 *
 * @param profileType lower-cased; empty when the phone did not say
 * @param mac         a {@code mac} parameter, as written (some phones put their MAC here)
 */
public record UaProfileEvent(Optional<String> profileType, Optional<String> vendor, Optional<String> model,
                             Optional<String> version, Optional<String> mac) {
    /** RFC 6080 4.1: the event package name. */
    public static final String PACKAGE = "ua-profile";

    /** Empty when the header names another event package (then it is no plug-and-play request). */
    public static Optional<UaProfileEvent> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        List<String> parts = splitOutsideQuotes(headerValue);
        if (parts.isEmpty() || !unquote(parts.get(0)).equalsIgnoreCase(PACKAGE)) {
            return Optional.empty();
        }
        // First occurrence wins; "vend*" misspellings are kept apart so a correct "vendor" beats them.
        Map<String, String> params = new HashMap<>();
        String misspeltVendor = null;
        for (String p : parts.subList(1, parts.size())) {
            int eq = p.indexOf('=');
            String name = unquote(eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : unquote(p.substring(eq + 1));
            if (value.isEmpty()) {
                continue;
            }
            if (!name.equals("vendor") && name.startsWith("vend")) {
                misspeltVendor = misspeltVendor == null ? value : misspeltVendor;
            } else {
                params.putIfAbsent(name, value);
            }
        }
        Optional<String> vendor = Optional.ofNullable(params.getOrDefault("vendor", misspeltVendor));
        return Optional.of(new UaProfileEvent(
                Optional.ofNullable(params.get("profile-type")).map(t -> t.toLowerCase(Locale.ROOT)),
                vendor,
                Optional.ofNullable(params.get("model")),
                Optional.ofNullable(params.get("version")),
                Optional.ofNullable(params.get("mac"))));
    }

    /** Splits on {@code ;} outside double quotes; a backslash escapes inside quotes (RFC 3261 25.1 quoted-pair). */
    static List<String> splitOutsideQuotes(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (c == ';' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** {@code "a \"b\""} → {@code a "b"}; an unquoted value is returned trimmed. */
    static String unquote(String v) {
        String t = v.trim();
        if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
            return t;
        }
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() - 1) {
                c = t.charAt(++i);
            }
            b.append(c);
        }
        return b.toString().trim();
    }
}
