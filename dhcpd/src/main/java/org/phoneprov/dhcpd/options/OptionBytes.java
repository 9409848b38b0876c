package org.phoneprov.dhcpd.options;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Encodes option values: big-endian integers, IPv4 addresses, ASCII text. */
final class OptionBytes {
    /** The largest value one option can carry without RFC 3396 splitting. */
    static final int MAX_VALUE = 255;

    private OptionBytes() {
    }

    static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** The 4 bytes of an IPv4 address; empty for IPv6. */
    static Optional<byte[]> ipv4(InetAddress a) {
        return a instanceof Inet4Address ? Optional.of(a.getAddress()) : Optional.empty();
    }

    /** The IPv4 addresses of the list, concatenated (IPv6 ones left out); empty when none is left. */
    static Optional<byte[]> ipv4List(List<InetAddress> addresses) {
        byte[] out = new byte[4 * addresses.size()];
        int n = 0;
        for (InetAddress a : addresses) {
            if (a instanceof Inet4Address) {
                System.arraycopy(a.getAddress(), 0, out, n, 4);
                n += 4;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(Arrays.copyOf(out, n));
    }

    /** An IPv4 netmask of {@code prefix} one-bits. */
    static byte[] netmask(int prefix) {
        long mask = prefix <= 0 ? 0 : (0xFFFF_FFFFL << (32 - Math.min(prefix, 32))) & 0xFFFF_FFFFL;
        return u32(mask);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** An IPv4 address as the int of the BOOTP siaddr field. */
    static int toInt(byte[] four) {
        return ((four[0] & 0xFF) << 24) | ((four[1] & 0xFF) << 16) | ((four[2] & 0xFF) << 8) | (four[3] & 0xFF);
    }
}
