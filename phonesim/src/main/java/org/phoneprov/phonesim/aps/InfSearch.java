package org.phoneprov.phonesim.aps;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.phoneprov.phonesim.dhcp.DhcpLease;
import org.phoneprov.phonesim.dhcp.DhcpReplyParser;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.phone.PhoneIdentity;

/**
 * Decides where the phone looks for its INF, following the summary of seed 2.2:
 * <ul>
 *   <li>pre-configured HTTP, else TFTP server (2.3, "higher priority than any other APS
 *       mechanism"): {@code ST2030S_<MAC>.inf} first, then {@code AutoprovisionConfigname}
 *       (2.3: without a configured name, "it will see option 67");</li>
 *   <li>option 150, else 66 (2.4): option 67 first, then {@code ST2030S_<MAC>.inf}, then
 *       {@code AutoprovisionConfigname};</li>
 *   <li>option 43 (2.5): the URL, then {@code AutoprovisionConfigname} next to it;</li>
 *   <li>next-server: option 67 — or the BOOTP {@code file} field, "67 have the priority on
 *       file" (4.2) — then {@code ST2030S_<MAC>.inf}, then {@code AutoprovisionConfigname}.</li>
 * </ul>
 * The MAC is written in upper case, as in the MAC config's name (2.1); the suite matches
 * names case-insensitively. Pure: no lookups, except that a TFTP server given by name
 * (not by address) is resolved.
 */
public final class InfSearch {
    static final int TFTP_PORT = 69;

    private InfSearch() {
    }

    /** @param lease the DHCP lease, or empty when the phone has a static setup (or must not use DHCP values) */
    public static InfPlan plan(PhoneIdentity id, Preconfigured pre, Optional<DhcpLease> lease) {
        Optional<String> configName = pre.configName();
        Optional<String> opt67 = lease.flatMap(DhcpLease::inf67);
        if (pre.httpServer().isPresent()) {
            Optional<URI> base = httpBase(pre.httpServer().get());
            if (base.isPresent()) {
                List<String> names = names(id.macInfName(), configName.or(() -> opt67));
                return new InfPlan(InfSource.PRECONFIGURED_HTTP, http(base.get(), names),
                        "AutoprovisionHTTPServer=" + pre.httpServer().get() + " (seed 2.3)");
            }
        }
        if (pre.tftpServer().isPresent()) {
            Optional<InetSocketAddress> server = tftpServer(pre.tftpServer().get());
            if (server.isPresent()) {
                List<String> names = names(id.macInfName(), configName.or(() -> opt67));
                return new InfPlan(InfSource.PRECONFIGURED_TFTP, tftp(server.get(), names),
                        "AutoprovisionTFTPServer=" + pre.tftpServer().get() + " (seed 2.3)");
            }
        }
        if (lease.isEmpty()) {
            return InfPlan.none("no AutoprovisionHTTPServer or AutoprovisionTFTPServer, and no DHCP values to use");
        }
        DhcpLease l = lease.get();
        List<String> dhcpNames = names(opt67.orElse(""), Optional.of(id.macInfName()), configName);
        if (!l.tftp150().isEmpty()) {
            return new InfPlan(InfSource.OPTION_150, tftp(new InetSocketAddress(l.tftp150().get(0), TFTP_PORT), dhcpNames),
                    "option 150 " + l.tftp150().get(0).getHostAddress() + " (seed 2.4)");
        }
        Optional<InetSocketAddress> from66 = l.tftp66().flatMap(InfSearch::tftpServer);
        if (from66.isPresent()) {
            return new InfPlan(InfSource.OPTION_66, tftp(from66.get(), dhcpNames), "option 66 " + l.tftp66().get()
                    + " (seed 2.4)");
        }
        Optional<URI> url = l.inf43().flatMap(InfSearch::httpUrl);
        if (url.isPresent()) {
            List<Location> c = new ArrayList<>();
            c.add(new Location.Http(url.get()));
            configName.flatMap(n -> relative(n).map(r -> url.get().resolve(r)))
                    .filter(u -> !u.equals(url.get())).ifPresent(u -> c.add(new Location.Http(u)));
            return new InfPlan(InfSource.OPTION_43, c, "option 43 " + url.get() + " (seed 2.5)");
        }
        if (l.nextServer().isPresent()) {
            String first = opt67.or(l::file).orElse("");
            return new InfPlan(InfSource.NEXT_SERVER,
                    tftp(new InetSocketAddress(l.nextServer().get(), TFTP_PORT),
                            names(first, Optional.of(id.macInfName()), configName)),
                    "next-server " + l.nextServer().get().getHostAddress() + " (seed 2.2, 4.2)");
        }
        return InfPlan.none("the DHCP reply names no TFTP server (66, 150, next-server) and no INF URL (43)");
    }

    /** The names in order, without blanks and repeats (compared case-insensitively, as the suite does). */
    private static List<String> names(String first, Optional<String> second) {
        return names(first, second, Optional.empty());
    }

    private static List<String> names(String first, Optional<String> second, Optional<String> third) {
        List<String> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String n : List.of(first, second.orElse(""), third.orElse(""))) {
            String s = n.strip();
            if (!s.isEmpty() && !seen.contains(s.toLowerCase(Locale.ROOT))) {
                seen.add(s.toLowerCase(Locale.ROOT));
                out.add(s);
            }
        }
        return out;
    }

    private static List<Location> tftp(InetSocketAddress server, List<String> names) {
        return names.stream().<Location>map(n -> new Location.Tftp(server, n)).toList();
    }

    private static List<Location> http(URI base, List<String> names) {
        List<Location> out = new ArrayList<>();
        for (String n : names) {
            relative(n).ifPresent(r -> out.add(new Location.Http(base.resolve(r))));
        }
        return out;
    }

    /** {@code 10.77.0.1}, {@code host:8080} or a URL → the folder the INF names are resolved in. */
    static Optional<URI> httpBase(String server) {
        String s = server.contains("://") ? server : "http://" + server;
        return httpUrl(s.endsWith("/") ? s : s + "/");
    }

    /** An absolute http(s) URL, or empty. */
    static Optional<URI> httpUrl(String s) {
        try {
            URI u = new URI(s.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return Optional.of(u.getPath() == null || u.getPath().isEmpty() ? u.resolve("/") : u);
            }
        } catch (URISyntaxException e) {
            // not a URL: the caller treats it as absent
        }
        return Optional.empty();
    }

    /** A name as a relative URI, percent-encoded where needed. */
    static Optional<URI> relative(String name) {
        try {
            return Optional.of(new URI(null, null, name.replace('\\', '/'), null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code 10.77.0.1} or {@code 10.77.0.1:6969}; a name is resolved, and is absent when it does not resolve. */
    static Optional<InetSocketAddress> tftpServer(String value) {
        String s = value.strip();
        if (s.startsWith("tftp://")) {
            s = s.substring("tftp://".length());
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int port = TFTP_PORT;
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon) {
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            s = s.substring(0, colon);
        }
        if (s.isEmpty() || port < 1 || port > 65535) {
            return Optional.empty();
        }
        Optional<? extends InetAddress> literal = DhcpReplyParser.parseIpv4(s);
        if (literal.isPresent()) {
            return Optional.of(new InetSocketAddress(literal.get(), port));
        }
        InetSocketAddress resolved = new InetSocketAddress(s, port);
        return resolved.isUnresolved() ? Optional.empty() : Optional.of(resolved);
    }
}
