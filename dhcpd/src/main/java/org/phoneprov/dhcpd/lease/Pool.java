package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

/**
 * A dynamic range, both ends included. Compares unsigned, so 192.168.x.x works.
 *
 * @param first lowest address
 * @param last  highest address, not below {@code first}
 */
public record Pool(int first, int last) {
    /** Larger pools are certainly a config mistake and would cost a large bitmap. */
    public static final int MAX_SIZE = 1 << 24;

    public Pool {
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("pool " + Ip4.toString(first) + "-" + Ip4.toString(last)
                    + ": first address is above the last");
        }
        if (Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1 > MAX_SIZE) {
            throw new IllegalArgumentException("pool " + Ip4.toString(first) + "-" + Ip4.toString(last)
                    + " holds more than " + MAX_SIZE + " addresses");
        }
    }

    public static Pool of(String first, String last) {
        return new Pool(Ip4.parse(first), Ip4.parse(last));
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address, first) >= 0 && Integer.compareUnsigned(address, last) <= 0;
    }

    boolean overlaps(Pool other) {
        return Integer.compareUnsigned(first, other.last) <= 0 && Integer.compareUnsigned(other.first, last) <= 0;
    }

    @Override
    public String toString() {
        return Ip4.toString(first) + "-" + Ip4.toString(last);
    }
}
