package org.phoneprov.common.net;

import java.net.InetAddress;
import java.util.Optional;

/** An address block such as {@code 10.77.0.0/16}. */
public record Cidr(InetAddress network, int prefix) {
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<InetAddress> a = Addresses.parseLiteral(text.substring(0, slash));
        if (a.isEmpty()) {
            return Optional.empty();
        }
        int bits = a.get().getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (prefix < 0 || prefix > bits) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(a.get(), prefix));
    }

    /** The network address itself (host bits cleared). */
    public InetAddress firstAddress() {
        byte[] b = network.getAddress();
        int bits = b.length * 8;
        for (int i = prefix; i < bits; i++) {
            b[i / 8] &= (byte) ~(0x80 >>> (i % 8));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code a} is inside the block. Called per packet (sipd's allowed subnets), so it
     * compares the prefix bytes in place rather than building numbers.
     */
    public boolean contains(InetAddress a) {
        byte[] n = network.getAddress();
        byte[] x = a.getAddress();
        if (n.length != x.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (n[i] != x[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (n[full] & mask) == (x[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
