package org.phoneprov.common.provision;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.Identity;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.net.Addresses;

/**
 * A URL the config hands to phones, checked against what this suite serves: when it names
 * one of the suite's own listeners (its host is {@code suite.address} or {@code suite.hostname},
 * its port httpd's, httpd's HTTPS one, or tftpd's, the scheme's default port when left out), its
 * path must be something {@link ServedNames} knows, or every phone told it gets a 404. A URL
 * for any other host or port (a PBX's web server on the same box, say) is not ours to judge;
 * nor is one for a daemon that is not enabled, since then something else may serve that port.
 */
public final class OwnUrl {
    private static final Pattern URL = Pattern.compile("(?i)(https?|tftp)://([^/?#]*)([^?#]*).*");

    private OwnUrl() {
    }

    /** Why {@code url} names nothing the suite serves, or empty when it does or is not the suite's. */
    public static Optional<String> problem(String url, SuiteConfig config) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return Optional.empty();
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        // A broken port leaves it in the host, which then names no suite: such a URL is not judged.
        TemplateContext.HostPort hp = TemplateContext.HostPort.of(m.group(2).substring(m.group(2).lastIndexOf('@') + 1));
        int port = hp.port().isEmpty() ? defaultPort(scheme) : Integer.parseInt(hp.port());
        Optional<DaemonConfig> daemon = listener(scheme, config);
        if (daemon.isEmpty() || port != portOf(scheme, config) || !isSuite(hp.host(), config.identity())) {
            return Optional.empty();
        }
        // httpd decodes %XX once; tftpd takes a name as sent.
        String path = scheme.equals("tftp") ? m.group(3) : decode(m.group(3));
        if (ServedNames.serves(path, config)) {
            return Optional.empty();
        }
        return Optional.of("'" + url + "' is this suite's " + daemon.get().name() + ", which serves nothing at '"
                + (path.isEmpty() ? "/" : path) + "'; it serves " + ServedNames.summary(config));
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "https" -> 443;
            case "tftp" -> 69;
            default -> 80;
        };
    }

    /** The daemon that answers this scheme here, when it runs (plain HTTP may be switched off beside HTTPS). */
    private static Optional<DaemonConfig> listener(String scheme, SuiteConfig c) {
        DaemonConfig d = scheme.equals("tftp") ? c.tftpd() : c.httpd();
        boolean serves = switch (scheme) {
            case "https" -> c.http().tls().isPresent();
            case "http" -> c.http().plainHttp();
            default -> true;
        };
        return d.enabled() && serves ? Optional.of(d) : Optional.empty();
    }

    private static int portOf(String scheme, SuiteConfig c) {
        return switch (scheme) {
            case "https" -> c.http().tls().orElseThrow().port();
            case "tftp" -> c.tftpd().port();
            default -> c.httpd().port();
        };
    }

    private static boolean isSuite(String host, Identity id) {
        return id.hostname().map(host::equalsIgnoreCase).orElse(false)
                || Addresses.parseLiteral(host).map(id.address()::equals).orElse(false);
    }

    /** %XX decoded once, as httpd does; a path with a broken escape is judged as written. */
    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
