package org.phoneprov.common.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code dhcpd.ha:}:
 * <pre>
 * dhcpd:
 *   ha:
 *     mode: hot-standby              # or load-balancing
 *     this_node: dhcp-a
 *     secret_file: ha.secret         # its first line, at least 32 characters, the same on both nodes
 *     heartbeat_delay_ms: 10000      # Kea's defaults
 *     max_response_delay_ms: 60000
 *     max_ack_delay_ms: 10000
 *     max_unacked_clients: 10
 *     peers:
 *       - {name: dhcp-a, address: 10.77.0.1, port: 8647, role: primary}
 *       - {name: dhcp-b, address: 10.77.0.2, port: 8647, role: standby}   # secondary for load-balancing
 *     tls: {cert: certs/server.pem, key: certs/server.key, ca: certs/ca.pem}   # optional: mutual TLS
 * </pre>
 * Kea's rules for the pair: hot-standby is a primary and a standby, load-balancing a primary
 * and a secondary; max-response-delay must exceed the heartbeat delay.
 */
final class HaReader {
    static final String KEY = "ha";
    static final int MIN_SECRET = 32;

    private HaReader() {
    }

    static Optional<HaSettings> read(MapView dhcpd, Path base, Problems problems) {
        Optional<MapView> hv = dhcpd.map(KEY);
        if (hv.isEmpty()) {
            return Optional.empty();
        }
        MapView h = hv.get();
        h.allowOnly("mode", "this_node", "secret_file", "heartbeat_delay_ms", "max_response_delay_ms",
                "max_ack_delay_ms", "max_unacked_clients", "peers", "tls");
        Optional<HaSettings.Mode> mode = h.requiredString("mode").flatMap(w -> {
            Optional<HaSettings.Mode> m = Arrays.stream(HaSettings.Mode.values())
                    .filter(x -> x.word().equals(w.toLowerCase(Locale.ROOT))).findFirst();
            if (m.isEmpty()) {
                problems.add(h.at("mode"), h.keyPath("mode"), "'" + w + "' is not an HA mode; use hot-standby or "
                        + "load-balancing");
            }
            return m;
        });
        Optional<String> self = h.requiredString("this_node");
        Optional<String> secret = h.requiredString("secret_file").flatMap(f -> secret(h, base.resolve(f), problems));
        int heartbeat = h.integer("heartbeat_delay_ms", 10_000, 100, 3_600_000);
        int maxResponse = h.integer("max_response_delay_ms", 60_000, 200, 3_600_000);
        int maxAck = h.integer("max_ack_delay_ms", 10_000, 0, 3_600_000);
        int maxUnacked = h.integer("max_unacked_clients", 10, 0, 100_000);
        Optional<HaSettings.Tls> tls = h.map("tls").flatMap(t -> tls(t, base));
        if (h.has("max_response_delay_ms") && maxResponse <= heartbeat) {
            problems.add(h.at("max_response_delay_ms"), h.keyPath("max_response_delay_ms"), "must be longer than "
                    + "heartbeat_delay_ms (" + heartbeat + "), or one late heartbeat declares the partner down");
        }
        List<HaSettings.Peer> peers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MapView.Item item : h.list("peers")) {
            MapView.of(item.node(), item.path(), problems).flatMap(p -> peer(p, problems)).ifPresent(p -> {
                if (!names.add(p.name())) {
                    problems.add(h.at("peers"), h.keyPath("peers"), "two peers are named '" + p.name() + "'");
                } else {
                    peers.add(p);
                }
            });
        }
        if (!h.has("peers")) {
            problems.add(h.at(), h.keyPath("peers"), "missing: the two nodes of the pair");
            return Optional.empty();
        }
        if (peers.size() != 2) {
            problems.add(h.at("peers"), h.keyPath("peers"), "needs exactly two peers (this node and its partner), "
                    + "found " + peers.size());
            return Optional.empty();
        }
        boolean known = self.isEmpty() || names.contains(self.get());
        if (!known) {
            problems.add(h.at("this_node"), h.keyPath("this_node"), "'" + self.get() + "' is none of the peers "
                    + names.stream().sorted().toList());
        }
        if (mode.isPresent()) {
            Set<HaSettings.Role> roles = new HashSet<>();
            peers.forEach(p -> roles.add(p.role()));
            HaSettings.Role second = mode.get() == HaSettings.Mode.HOT_STANDBY ? HaSettings.Role.STANDBY
                    : HaSettings.Role.SECONDARY;
            if (!roles.equals(Set.of(HaSettings.Role.PRIMARY, second))) {
                problems.add(h.at("peers"), h.keyPath("peers"), mode.get().word() + " needs one primary and one "
                        + second.word() + ", found " + peers.stream().map(p -> p.role().word()).toList());
                return Optional.empty();
            }
        }
        if (mode.isEmpty() || self.isEmpty() || !known || secret.isEmpty() || (h.has("tls") && tls.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new HaSettings(mode.get(), self.get(), peers, secret.get(), heartbeat, maxResponse, maxAck,
                maxUnacked, tls));
    }

    private static Optional<HaSettings.Peer> peer(MapView p, Problems problems) {
        p.allowOnly("name", "address", "port", "role");
        Optional<String> name = p.requiredString("name").filter(n -> {
            if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                problems.add(p.at("name"), p.keyPath("name"), "'" + n + "' is not a node name (letters, digits, "
                        + ". _ -, at most 63)");
                return false;
            }
            return true;
        });
        Optional<InetAddress> address = p.address("address");
        if (!p.has("address")) {
            problems.add(p.at(), p.keyPath("address"), "missing: the address this node's HA listener is on");
        }
        int port = p.integer("port", HaSettings.DEFAULT_PORT, 1, 65_535);
        Optional<HaSettings.Role> role = p.requiredString("role").flatMap(w -> {
            Optional<HaSettings.Role> r = Arrays.stream(HaSettings.Role.values())
                    .filter(x -> x.word().equals(w.toLowerCase(Locale.ROOT))).findFirst();
            if (r.isEmpty()) {
                problems.add(p.at("role"), p.keyPath("role"), "'" + w + "' is not a role; use primary, secondary "
                        + "or standby");
            }
            return r;
        });
        if (name.isEmpty() || address.isEmpty() || role.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HaSettings.Peer(name.get(), address.get(), port, role.get()));
    }

    /** {@code tls: {cert, key, ca}}: this node's certificate and key, and the CA of the pair's certificates. */
    private static Optional<HaSettings.Tls> tls(MapView t, Path base) {
        t.allowOnly("cert", "key", "ca");
        Optional<ServerKeys> keys = ServerKeys.read(t, base);
        java.util.List<java.security.cert.X509Certificate> ca = t.requiredString("ca")
                .map(n -> ServerKeys.certificates(base.resolve(n).normalize(), t, "ca")).orElse(java.util.List.of());
        if (keys.isEmpty() || ca.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HaSettings.Tls(keys.get(), ca));
    }

    /** The first line, long enough; problems never quote it. */
    private static Optional<String> secret(MapView h, Path file, Problems problems) {
        return SecretFile.firstLine(h, "secret_file", file, "shared secret", problems).map(String::strip).filter(t -> {
            if (t.length() < MIN_SECRET) {
                problems.add(h.at("secret_file"), h.keyPath("secret_file"), "the first line of " + file + " has "
                        + t.length() + " characters; the shared secret needs at least " + MIN_SECRET
                        + " (head -c 32 /dev/urandom | base64)");
                return false;
            }
            return true;
        });
    }
}
