package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import java.util.List;
import java.util.Objects;

/**
 * A subnet the server hands addresses in, with its dynamic pools.
 *
 * @param id      stable name, e.g. {@code "10.77.0.0/16"}
 * @param network network address (no host bits set)
 * @param prefix  prefix length 0-32
 * @param pools   non-overlapping ranges inside the subnet, tried in this order
 */
public record SubnetPools(String id, int network, int prefix, List<Pool> pools) {
    public SubnetPools {
        Objects.requireNonNull(id, "id");
        pools = List.copyOf(pools);
        int mask = Ip4.mask(prefix);
        if ((network & ~mask) != 0) {
            throw new IllegalArgumentException("subnet " + id + ": " + Ip4.toString(network) + "/" + prefix
                    + " has host bits set; the network address is " + Ip4.toString(network & mask));
        }
        for (int i = 0; i < pools.size(); i++) {
            Pool p = pools.get(i);
            if ((p.first() & mask) != network || (p.last() & mask) != network) {
                throw new IllegalArgumentException("subnet " + id + ": pool " + p + " is not inside "
                        + Ip4.toString(network) + "/" + prefix);
            }
            for (int j = 0; j < i; j++) {
                if (p.overlaps(pools.get(j))) {
                    throw new IllegalArgumentException("subnet " + id + ": pools " + pools.get(j) + " and " + p
                            + " overlap");
                }
            }
        }
    }

    /** From {@code "10.77.0.0/16"}; the id is that text. */
    public static SubnetPools of(String cidr, List<Pool> pools) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not a subnet (want a.b.c.d/len)");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not a subnet (want a.b.c.d/len)", e);
        }
        return new SubnetPools(cidr, Ip4.parse(cidr.substring(0, slash)), prefix, pools);
    }

    public boolean contains(int address) {
        return (address & Ip4.mask(prefix)) == network;
    }

    /** Dynamic addresses across all pools. */
    public long size() {
        return pools.stream().mapToLong(Pool::size).sum();
    }

    boolean overlaps(SubnetPools other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network & Ip4.mask(shorter)) == (other.network & Ip4.mask(shorter));
    }
}
