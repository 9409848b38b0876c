package org.phoneprov.dhcpd.codec;

import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.net.Ip4;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one DHCP message: an immutable, ordered map from option code (1..254) to
 * its whole value, after RFC 3396 concatenation. Values are raw bytes; {@link #get(int)}
 * returns a copy, so an instance can be shared between threads. Equality compares the
 * codes and values, not their order (as {@link Map#equals} does).
 */
public final class DhcpOptions {
    private static final DhcpOptions EMPTY = new DhcpOptions(new LinkedHashMap<>());

    private final Map<Integer, byte[]> values;

    private DhcpOptions(LinkedHashMap<Integer, byte[]> values) {
        this.values = values;
    }

    public static DhcpOptions empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, in this order. */
    public Builder toBuilder() {
        Builder b = new Builder();
        values.forEach(b::put);
        return b;
    }

    /** A copy of the value of option {@code code}. */
    public Optional<byte[]> get(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    public boolean has(int code) {
        return values.containsKey(code);
    }

    /** The value's length, or -1 when the option is absent. */
    public int length(int code) {
        byte[] v = values.get(code);
        return v == null ? -1 : v.length;
    }

    /** The value as ISO-8859-1 text: one char per byte, no sign extension, no decoding error. */
    public Optional<String> getString(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(new String(v, StandardCharsets.ISO_8859_1));
    }

    /** The codes, in the order the options came (or were put). */
    public Set<Integer> codes() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The stored value itself, for the codec only: callers must not modify it. */
    byte[] raw(int code) {
        return values.get(code);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DhcpOptions other) || other.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            h += e.getKey() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    /** {@code {53=01, 61=01001a2b3c4d5e}}: codes and hex values, for debugging. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(e.getKey()).append('=');
            for (byte x : e.getValue()) {
                b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
        }
        return b.append('}').toString();
    }

    /**
     * Collects options in insertion order; putting a code again replaces its value and
     * keeps its first position. Not thread-safe; {@link #build()} copies.
     */
    public static final class Builder {
        private final LinkedHashMap<Integer, byte[]> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException for PAD (0), END (255) or a code outside 1..254 */
        public Builder put(int code, byte[] value) {
            if (code <= DhcpOption.PAD.code() || code >= DhcpOption.END.code()) {
                throw new IllegalArgumentException("option code must be 1..254, got " + code);
            }
            values.put(code, value.clone());
            return this;
        }

        /** One or more IPv4 addresses, 4 bytes each. */
        public Builder putIp(int code, int... ips) {
            byte[] v = new byte[4 * ips.length];
            for (int i = 0; i < ips.length; i++) {
                writeInt(v, 4 * i, ips[i]);
            }
            return put(code, v);
        }

        public Builder putIp(int code, Inet4Address... ips) {
            int[] v = new int[ips.length];
            for (int i = 0; i < ips.length; i++) {
                v[i] = Ip4.toInt(ips[i]);
            }
            return putIp(code, v);
        }

        /** A 32-bit value, e.g. a lease time in seconds. */
        public Builder putInt(int code, int value) {
            byte[] v = new byte[4];
            writeInt(v, 0, value);
            return put(code, v);
        }

        /** A 16-bit value, e.g. option 57. */
        public Builder putShort(int code, int value) {
            return put(code, new byte[] {(byte) (value >>> 8), (byte) value});
        }

        public Builder putByte(int code, int value) {
            return put(code, new byte[] {(byte) value});
        }

        /** Text as ISO-8859-1 (every char below 256 is one byte; others become '?'). */
        public Builder putString(int code, String value) {
            return put(code, value.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Builder remove(int code) {
            values.remove(code);
            return this;
        }

        public boolean has(int code) {
            return values.containsKey(code);
        }

        public DhcpOptions build() {
            return values.isEmpty() ? EMPTY : new DhcpOptions(new LinkedHashMap<>(values));
        }

        /** For the decoder: takes values already copied out of the packet, no second copy. */
        static DhcpOptions wrap(LinkedHashMap<Integer, byte[]> decoded) {
            return decoded.isEmpty() ? EMPTY : new DhcpOptions(decoded);
        }

        private static void writeInt(byte[] b, int offset, int value) {
            b[offset] = (byte) (value >>> 24);
            b[offset + 1] = (byte) (value >>> 16);
            b[offset + 2] = (byte) (value >>> 8);
            b[offset + 3] = (byte) value;
        }
    }
}
