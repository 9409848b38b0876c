package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.net.Cidr;

/**
 * One subnet dhcpd hands addresses in. A request is matched to the subnet that holds
 * its relay's address (giaddr), or, when it comes straight from the LAN, the subnet of
 * the interface's address.
 */
public record SubnetConfig(
        Cidr subnet,
        List<AddressRange> pools,
        Optional<InetAddress> router,
        List<InetAddress> dns,
        Optional<String> domain,
        Optional<Integer> leaseSeconds,
        Location at) {

    public SubnetConfig {
        pools = List.copyOf(pools);
        dns = List.copyOf(dns);
    }

    /** The same subnet without where it was written: what a reload compares (a moved line is no change). */
    public SubnetConfig withoutLocation() {
        return new SubnetConfig(subnet, pools, router, dns, domain, leaseSeconds, null);
    }

    /** An inclusive range of addresses, {@code 10.77.1.0-10.77.255.254}. */
    public record AddressRange(InetAddress first, InetAddress last) {
        @Override
        public String toString() {
            return first.getHostAddress() + "-" + last.getHostAddress();
        }
    }
}
