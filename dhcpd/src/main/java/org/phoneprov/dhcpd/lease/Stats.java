package org.phoneprov.dhcpd.lease;

import java.util.List;

/** Allocator counters per subnet, for logs and the admin. */
public record Stats(List<Subnet> subnets) {
    public Stats {
        subnets = List.copyOf(subnets);
    }

    /**
     * @param size     dynamic addresses in the pools
     * @param active   unexpired leases (fixed addresses outside the pools included)
     * @param offered  offers still held
     * @param declined addresses set aside after a DHCPDECLINE
     * @param free     pool addresses that can be offered now
     */
    public record Subnet(String id, long size, int active, int offered, int declined, long free) {
    }
}
