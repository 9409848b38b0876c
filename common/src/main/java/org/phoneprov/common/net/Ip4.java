package org.phoneprov.common.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 addresses as {@code int} (network byte order, so {@code 10.0.0.1} is {@code 0x0A000001}).
 * Addresses above 127.255.255.255 are negative ints: compare them with
 * {@link Integer#compareUnsigned}, never with {@code <}.
 */
public final class Ip4 {
    private Ip4() {
    }

    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    public static Inet4Address toInet(int address) {
        byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    /** Any IPv4 InetAddress (DHCP is IPv4 only). */
    public static int toInt(InetAddress address) {
        return toInt((Inet4Address) address);
    }

    /** Reads 4 bytes big-endian at {@code offset}. */
    public static int read(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8
                | (b[offset + 3] & 0xFF);
    }

    /** Dotted decimal, {@code 10.77.0.20}. */
    public static String toString(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    /**
     * Strict dotted decimal: four numbers 0-255, no signs, spaces or host names.
     *
     * @throws IllegalArgumentException naming the text when it is not an IPv4 address
     */
    public static int parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("an IPv4 address is required, got nothing");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (want a.b.c.d)");
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (want a.b.c.d)");
            }
            int n = Integer.parseInt(part);
            if (n > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (" + n + " > 255)");
            }
            value = value << 8 | n;
        }
        return value;
    }

    /** The netmask of a prefix length 0-32 as an int ({@code 24} → {@code 0xFFFFFF00}). */
    public static int mask(int prefix) {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length must be 0-32, got " + prefix);
        }
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }
}
