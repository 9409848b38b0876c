package org.phoneprov.common.config;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.yaml.Node;

/**
 * Reads the {@code tls:}, {@code access:} and {@code limits:} keys of the {@code httpd:} section.
 * Certificate and key files are read ({@link PemReader}) and matched ({@link KeyPairs}) here,
 * so {@code check} names a missing, unreadable or mismatched file by its key.
 */
public final class HttpdReader implements SectionReader<HttpdSettings> {
    public static final HttpdReader SECTION = new HttpdReader();
    private static final Set<String> KEYS = Set.of("tls", "access", "limits");

    private HttpdReader() {
    }

    @Override
    public String name() {
        return "httpd";
    }

    @Override
    public int defaultPort() {
        return 80;
    }

    /** A config with phones and no daemon sections should still serve them. */
    @Override
    public boolean enabledWithoutSection() {
        return true;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public HttpdSettings read(Optional<MapView> section, SectionContext context) {
        return read(section, context.base(), context.listen(), context.problems());
    }

    static HttpdSettings read(Optional<MapView> section, Path base, DaemonConfig httpd, Problems problems) {
        if (section.isEmpty()) {
            return HttpdSettings.defaults();
        }
        MapView h = section.get();
        Optional<HttpdSettings.Tls> tls = h.map("tls").flatMap(t -> tls(t, base, httpd, problems));
        HttpdSettings.Access access = h.map("access").map(a -> access(a, problems)).orElse(HttpdSettings.Access.OFF);
        HttpdSettings.Limits limits = h.map("limits").map(HttpdReader::limits).orElse(HttpdSettings.Limits.DEFAULT);
        return new HttpdSettings(tls, access, limits);
    }

    private static HttpdSettings.Limits limits(MapView l) {
        l.allowOnly("request_head_seconds", "keepalive_seconds", "max_connections", "max_per_client");
        HttpdSettings.Limits d = HttpdSettings.Limits.DEFAULT;
        int head = l.integer("request_head_seconds", d.requestHeadSeconds(), 1, 3600);
        int keepalive = l.integer("keepalive_seconds", Math.min(d.keepaliveSeconds(), head), 1, 3600);
        int total = l.integer("max_connections", d.maxConnections(), 1, 1_000_000);
        int perClient = l.integer("max_per_client", Math.min(d.maxPerClient(), total), 1, 1_000_000);
        if (keepalive > head) {
            // Both count from the end of a response: a longer keep-alive would be cut by the head
            // deadline anyway, for any client that starts its next request late.
            l.problems().add(l.at("keepalive_seconds"), l.keyPath("keepalive_seconds"), keepalive + " is longer than"
                    + " request_head_seconds (" + head + "); a next request must be complete within"
                    + " request_head_seconds of the previous response, so raise request_head_seconds or lower this");
        }
        if (perClient > total) {
            l.problems().add(l.at("max_per_client"), l.keyPath("max_per_client"), perClient + " is more than"
                    + " max_connections (" + total + "); one address could take every connection");
        }
        return new HttpdSettings.Limits(head, keepalive, total, perClient);
    }

    private static Optional<HttpdSettings.Tls> tls(MapView t, Path base, DaemonConfig httpd, Problems problems) {
        t.allowOnly("port", "cert", "key", "client_ca", "client_auth", "plain_http");
        int port = t.integer("port", 443, 1, 65535);
        boolean plain = t.bool("plain_http", true);
        if (plain && port == httpd.port()) {
            problems.add(t.at("port"), t.keyPath("port"), port + " is httpd.port already; the plain and the HTTPS"
                    + " listener need different ports (or say plain_http: false)");
        }
        Optional<String> caName = t.string("client_ca");
        HttpdSettings.ClientAuth auth = clientAuth(t, caName.isPresent());
        Optional<Path> caPath = caName.map(n -> base.resolve(n).normalize());
        Optional<ServerKeys> keys = ServerKeys.read(t, base);
        List<X509Certificate> cas = caPath.map(p -> ServerKeys.certificates(p, t, "client_ca")).orElse(List.of());
        if (keys.isEmpty() || (caPath.isPresent() && cas.isEmpty())) {
            return Optional.empty(); // the problem is recorded already
        }
        ServerKeys k = keys.get();
        return Optional.of(new HttpdSettings.Tls(port, k.certPath(), k.keyPath(), caPath, auth, plain, k.chain(),
                k.key(), cas));
    }

    /** Default: require when a client CA is named, none otherwise; asking without a CA is an error. */
    private static HttpdSettings.ClientAuth clientAuth(MapView t, boolean haveCa) {
        Optional<String> word = t.string("client_auth");
        if (word.isEmpty()) {
            return haveCa ? HttpdSettings.ClientAuth.REQUIRE : HttpdSettings.ClientAuth.NONE;
        }
        HttpdSettings.ClientAuth auth;
        try {
            auth = HttpdSettings.ClientAuth.valueOf(word.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            t.problems().add(t.at("client_auth"), t.keyPath("client_auth"), "'" + word.get()
                    + "' is not one of none, optional, require");
            return HttpdSettings.ClientAuth.NONE;
        }
        if (auth != HttpdSettings.ClientAuth.NONE && !haveCa) {
            t.problems().add(t.at("client_auth"), t.keyPath("client_auth"), "client_auth: " + word.get()
                    + " needs client_ca, the CA that signs the phones' certificates");
        } else if (auth == HttpdSettings.ClientAuth.NONE && haveCa) {
            t.problems().add(t.at("client_ca"), t.keyPath("client_ca"), "has no effect with client_auth: none;"
                    + " remove it, or say client_auth: optional or require");
        }
        return auth;
    }

    private static HttpdSettings.Access access(MapView a, Problems problems) {
        a.allowOnly("digest", "realm", "algorithms", "nonce_seconds", "lease_binding", "probe_limit");
        HttpdSettings.Access d = HttpdSettings.Access.OFF;
        String realm = a.string("realm", d.realm());
        if (realm.isEmpty() || !realm.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
            problems.add(a.at("realm"), a.keyPath("realm"), "a realm is printable ASCII without '\"' or '\\'");
        }
        List<String> algorithms = a.has("algorithms") ? algorithms(a, problems) : d.algorithms();
        return new HttpdSettings.Access(a.bool("digest", d.digest()), realm, algorithms,
                a.integer("nonce_seconds", d.nonceSeconds(), 10, 86_400), a.bool("lease_binding", d.leaseBinding()),
                probeLimit(a));
    }

    private static List<String> algorithms(MapView a, Problems problems) {
        List<String> out = new ArrayList<>();
        for (String s : a.strings("algorithms")) {
            String alg = s.toUpperCase(Locale.ROOT);
            if (!alg.equals("MD5") && !alg.equals("SHA-256")) {
                problems.add(a.at("algorithms"), a.keyPath("algorithms"), "'" + s + "' is not a digest algorithm"
                        + " httpd offers; say SHA-256 and/or MD5");
            } else if (!out.contains(alg)) {
                out.add(alg);
            }
        }
        if (out.isEmpty()) {
            problems.add(a.at("algorithms"), a.keyPath("algorithms"), "name at least one of SHA-256, MD5");
            return HttpdSettings.Access.OFF.algorithms();
        }
        return out;
    }

    /** {@code probe_limit: true} takes the defaults, {@code false} or no key is off, a mapping is on. */
    private static Optional<HttpdSettings.ProbeLimit> probeLimit(MapView a) {
        Optional<Node> n = a.node("probe_limit");
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarNode.Kind.BOOLEAN) {
            return a.bool("probe_limit", false) ? Optional.of(HttpdSettings.ProbeLimit.DEFAULT) : Optional.empty();
        }
        return a.map("probe_limit").map(p -> {
            p.allowOnly("not_found", "per_seconds", "block_seconds", "max_clients");
            HttpdSettings.ProbeLimit d = HttpdSettings.ProbeLimit.DEFAULT;
            return new HttpdSettings.ProbeLimit(p.integer("not_found", d.notFound(), 1, 1_000_000),
                    p.integer("per_seconds", d.perSeconds(), 1, 86_400),
                    p.integer("block_seconds", d.blockSeconds(), 1, 604_800),
                    p.integer("max_clients", d.maxClients(), 16, 10_000_000));
        });
    }
}
