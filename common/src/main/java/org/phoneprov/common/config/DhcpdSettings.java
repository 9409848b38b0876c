package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * dhcpd's own settings beyond where it listens: the subnets it serves, lease times and
 * the guards against floods.
 *
 * @param serverId       option 54 and the address replies come from; default suite.address
 * @param offerHoldSeconds how long an offered address stays reserved for the client
 * @param declineHoldSeconds how long a DECLINEd address is set aside (RFC 2131 4.3.3)
 * @param ha             two nodes serving one site ({@code dhcpd.ha:}), if configured
 */
public record DhcpdSettings(
        Optional<InetAddress> serverId,
        int leaseSeconds,
        int offerHoldSeconds,
        int declineHoldSeconds,
        RateLimits limits,
        List<SubnetConfig> subnets,
        Optional<HaSettings> ha) {

    public DhcpdSettings {
        subnets = List.copyOf(subnets);
    }

    /**
     * @param perClient packets per second one MAC may send before it is ignored for a while
     * @param global    packets per second the server handles in all; more are dropped, counted
     */
    public record RateLimits(int perClient, int global) {
    }

    /**
     * Option 54 and where replies come from: {@code dhcpd.server_id}; else, in an HA pair, this
     * node's own peer address (each node must be told apart by its clients' REQUESTs, while both
     * may share the suite's address that the phones' files name); else the suite's address.
     */
    public InetAddress serverAddress(Identity identity) {
        return serverId.or(() -> ha.map(h -> h.self().address())).orElse(identity.address());
    }

    /** These settings without config file locations, for comparing two loads of a config. */
    public DhcpdSettings withoutLocations() {
        return new DhcpdSettings(serverId, leaseSeconds, offerHoldSeconds, declineHoldSeconds, limits,
                subnets.stream().map(SubnetConfig::withoutLocation).toList(), ha);
    }

    public static DhcpdSettings defaults() {
        return new DhcpdSettings(Optional.empty(), 3600, 30, 3600, new RateLimits(20, 50_000), List.of(),
                Optional.empty());
    }
}
