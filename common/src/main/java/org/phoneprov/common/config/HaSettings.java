package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code dhcpd.ha:}, two dhcpd nodes serving one site, modelled on Kea's High Availability hook
 * (Kea ARM, "ha: High Availability Outage Resilience"): the same modes, roles, state names and
 * timing knobs, so an admin who knows Kea finds them here.
 *
 * @param mode               hot-standby (the primary serves everyone) or load-balancing (RFC 3074 halves)
 * @param thisNode           the name of the peer that is this node
 * @param peers              exactly two: this node and its partner
 * @param secret             the first line of {@code secret_file}, the same on both nodes; never logged
 * @param heartbeatMillis    how often a node asks its partner how it is (Kea's heartbeat-delay)
 * @param maxResponseMillis  how long without an answer before the partner is in doubt (max-response-delay)
 * @param maxAckMillis       a partner's client waiting longer than this (the DHCP secs field) counts as unanswered
 *                           (max-ack-delay)
 * @param maxUnackedClients  how many unanswered clients make the partner down once it is in doubt; 0: at once
 * @param tls                mutual TLS between the nodes ({@code tls: {cert, key, ca}}), as Kea's HA hook offers
 */
public record HaSettings(Mode mode, String thisNode, List<Peer> peers, String secret, int heartbeatMillis,
                         int maxResponseMillis, int maxAckMillis, int maxUnackedClients, Optional<Tls> tls) {
    public static final int DEFAULT_PORT = 8647;

    public HaSettings {
        peers = List.copyOf(peers);
    }

    public enum Mode {
        HOT_STANDBY, LOAD_BALANCING;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum Role {
        PRIMARY, SECONDARY, STANDBY;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * This node's certificate and key, and the CA the partner's certificate must chain to: each
     * node's listener asks the other for a certificate of that CA, and each checks the other's
     * address against its certificate (an IP address SAN, as {@code phoneprov cert init --ip} makes).
     */
    public record Tls(ServerKeys keys, List<java.security.cert.X509Certificate> ca) {
        public Tls {
            ca = List.copyOf(ca);
        }

        @Override
        public String toString() {
            return "Tls[" + keys + ", ca=" + ca.size() + " certificate(s)]";
        }
    }

    /** One node: where its HA listener is, and its role. */
    public record Peer(String name, InetAddress address, int port, Role role) {
    }

    public Peer self() {
        return peers.stream().filter(p -> p.name().equals(thisNode)).findFirst().orElseThrow();
    }

    public Peer partner() {
        return peers.stream().filter(p -> !p.name().equals(thisNode)).findFirst().orElseThrow();
    }

    /** The secret never appears in a log line or an error. */
    @Override
    public String toString() {
        return "ha[" + mode.word() + " this=" + thisNode + " peers=" + peers + " secret=*** heartbeat=" + heartbeatMillis
                + "ms max_response=" + maxResponseMillis + "ms max_ack=" + maxAckMillis + "ms max_unacked="
                + maxUnackedClients + (tls.isPresent() ? " tls" : "") + "]";
    }

    /** The partner's peer entry, if HA is on: used to check that both nodes name each other. */
    public Optional<Peer> peerNamed(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
