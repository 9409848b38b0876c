package org.phoneprov.dhcpd.server;

import java.util.List;
import java.util.Optional;
import org.phoneprov.common.config.SubnetConfig;
import org.phoneprov.common.net.Ip4;

/**
 * Which subnet a request is about (RFC 2131 4.3.1): the one holding the relay's
 * address (giaddr) when relayed; else the one holding the client's own address
 * (ciaddr, for RENEW and INFORM); else the subnet of the interface the request came in on.
 */
public final class SubnetSelector {
    private final List<Entry> subnets;
    private final List<Integer> localAddresses;

    record Entry(SubnetConfig config, int network, int mask) {
        boolean contains(int address) {
            return (address & mask) == network;
        }
    }

    /** @param localAddresses the IPv4 addresses of the interface dhcpd serves directly */
    public SubnetSelector(List<SubnetConfig> subnets, List<Integer> localAddresses) {
        this.subnets = subnets.stream().map(s -> {
            int mask = s.subnet().prefix() == 0 ? 0 : -1 << (32 - s.subnet().prefix());
            return new Entry(s, Ip4.toInt(s.subnet().network()) & mask, mask);
        }).toList();
        this.localAddresses = List.copyOf(localAddresses);
    }

    public Optional<SubnetConfig> select(int giaddr, int ciaddr) {
        if (giaddr != 0) {
            return find(giaddr);
        }
        if (ciaddr != 0) {
            Optional<SubnetConfig> s = find(ciaddr);
            if (s.isPresent()) {
                return s;
            }
        }
        for (int local : localAddresses) {
            Optional<SubnetConfig> s = find(local);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    public Optional<SubnetConfig> find(int address) {
        for (Entry e : subnets) {
            if (e.contains(address)) {
                return Optional.of(e.config());
            }
        }
        return Optional.empty();
    }
}
