package org.phoneprov.phonesim.cwmp;

import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cookies of one CWMP session. The Gigaset seed ("Use of Cookies") and TR-069 Amendment 6
 * 3.4.2 ask the CPE to support RFC 2965 cookies, old-style (Netscape, RFC 6265) and new-style
 * ({@code Set-Cookie2}, {@code $Version}) alike as RFC 2965 section 9.1 requires, and to return
 * them "in each subsequent HTTP POST" of the session, the final empty one included; they need
 * not outlive the session, so a session starts with a new jar. A cookie is returned to the
 * URL it matches (domain and path, RFC 6265 5.1.3/5.1.4, RFC 2965 3.3); one set again
 * replaces the old one of the same name, and Max-Age 0 deletes it.
 */
final class SessionCookies {
    private final Map<String, HttpCookie> jar = new LinkedHashMap<>();

    /** Takes every {@code Set-Cookie} and {@code Set-Cookie2} of a response from {@code from}. */
    void take(URI from, List<String> setCookie, List<String> setCookie2) {
        List<String> all = new ArrayList<>();
        setCookie.forEach(v -> all.add("set-cookie:" + v));
        setCookie2.forEach(v -> all.add("set-cookie2:" + v));
        for (String header : all) {
            List<HttpCookie> parsed;
            try {
                parsed = HttpCookie.parse(header);
            } catch (IllegalArgumentException e) {
                continue; // a malformed cookie is ignored (RFC 6265 5.2), the session goes on
            }
            for (HttpCookie c : parsed) {
                if (c.getDomain() == null) {
                    c.setDomain(from.getHost());
                }
                if (c.getPath() == null) {
                    c.setPath(defaultPath(from));
                }
                String key = c.getName() + "\n" + c.getDomain().toLowerCase(Locale.ROOT) + "\n" + c.getPath();
                if (c.getMaxAge() == 0) {
                    jar.remove(key);
                } else {
                    jar.put(key, c);
                }
            }
        }
    }

    /** The {@code Cookie} value for a request to {@code to}; empty when no cookie matches. */
    String header(URI to) {
        List<HttpCookie> match = jar.values().stream().filter(c -> matches(c, to)).toList();
        if (match.isEmpty()) {
            return "";
        }
        boolean v1 = match.stream().anyMatch(c -> c.getVersion() >= 1);
        StringBuilder b = new StringBuilder();
        if (v1) {
            b.append("$Version=\"1\"");  // RFC 2965 3.3.4: the first attribute of a new-style Cookie
        }
        for (HttpCookie c : match) {
            if (b.length() > 0) {
                b.append("; ");
            }
            if (v1) {
                b.append(c.getName()).append("=\"").append(c.getValue()).append('"');
                b.append("; $Path=\"").append(c.getPath()).append('"');
            } else {
                b.append(c.getName()).append('=').append(c.getValue());
            }
        }
        return b.toString();
    }

    int size() {
        return jar.size();
    }

    private static boolean matches(HttpCookie c, URI to) {
        String host = to.getHost() == null ? "" : to.getHost().toLowerCase(Locale.ROOT);
        String domain = c.getDomain().toLowerCase(Locale.ROOT);
        boolean domainOk = host.equals(domain) || host.equals(domain.startsWith(".") ? domain.substring(1) : domain)
                || HttpCookie.domainMatches(domain.startsWith(".") ? domain : "." + domain, host);
        String path = to.getRawPath() == null || to.getRawPath().isEmpty() ? "/" : to.getRawPath();
        String cp = c.getPath();
        boolean pathOk = path.equals(cp) || (path.startsWith(cp) && (cp.endsWith("/") || path.charAt(cp.length())
                == '/'));
        return domainOk && pathOk && !c.hasExpired();
    }

    /** RFC 6265 5.1.4: the request path up to its last slash, or "/". */
    private static String defaultPath(URI from) {
        String p = from.getRawPath();
        if (p == null || !p.startsWith("/") || p.lastIndexOf('/') == 0) {
            return "/";
        }
        return p.substring(0, p.lastIndexOf('/'));
    }
}
