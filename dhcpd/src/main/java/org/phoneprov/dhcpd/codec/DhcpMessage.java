package org.phoneprov.dhcpd.codec;

import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.net.Ip4;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;

/**
 * One DHCP message (RFC 2131 section 2, figure 1): the fixed BOOTP header and the
 * options. Immutable: the byte-array fields are copied in and out, so a message can be
 * shared between threads. Addresses are {@code int}s in network byte order; the
 * {@code *Address()} accessors give {@link Inet4Address}es.
 *
 * @param chaddr always 16 bytes, {@code sname} 64 and {@code file} 128 (shorter arrays
 *               are zero-padded by the constructor)
 */
public record DhcpMessage(int op, int htype, int hlen, int hops, int xid, int secs, int flags,
                          int ciaddr, int yiaddr, int siaddr, int giaddr,
                          byte[] chaddr, byte[] sname, byte[] file, DhcpOptions options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int CHADDR_LENGTH = 16;
    public static final int SNAME_LENGTH = 64;
    public static final int FILE_LENGTH = 128;
    /** The smallest max message size a client may announce (RFC 2132 section 9.10). */
    public static final int MIN_MAX_MESSAGE_SIZE = 576;
    static final int BROADCAST_FLAG = 0x8000;

    public DhcpMessage {
        requireRange("op", op, 0xFF);
        requireRange("htype", htype, 0xFF);
        requireRange("hlen", hlen, 0xFF);
        requireRange("hops", hops, 0xFF);
        requireRange("secs", secs, 0xFFFF);
        requireRange("flags", flags, 0xFFFF);
        chaddr = padded("chaddr", chaddr, CHADDR_LENGTH);
        sname = padded("sname", sname, SNAME_LENGTH);
        file = padded("file", file, FILE_LENGTH);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null (use DhcpOptions.empty())");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A reply to {@code request}: op BOOTREPLY, the request's xid, htype, hlen, chaddr,
     * flags and giaddr; hops, secs, ciaddr, yiaddr, siaddr zero; empty sname, file and
     * options. The caller sets yiaddr/siaddr/sname/file/options (and ciaddr for an ACK to
     * a renewing client, RFC 2131 table 3).
     */
    public static Builder reply(DhcpMessage request) {
        return new Builder().op(BOOTREPLY).htype(request.htype).hlen(request.hlen).xid(request.xid)
                .flags(request.flags).giaddr(request.giaddr).chaddr(request.chaddr);
    }

    public Builder toBuilder() {
        return new Builder().op(op).htype(htype).hlen(hlen).hops(hops).xid(xid).secs(secs).flags(flags)
                .ciaddr(ciaddr).yiaddr(yiaddr).siaddr(siaddr).giaddr(giaddr)
                .chaddr(chaddr).sname(sname).file(file).options(options);
    }

    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    @Override
    public byte[] sname() {
        return sname.clone();
    }

    @Override
    public byte[] file() {
        return file.clone();
    }

    public Inet4Address ciaddrAddress() {
        return Ip4.toInet(ciaddr);
    }

    public Inet4Address yiaddrAddress() {
        return Ip4.toInet(yiaddr);
    }

    public Inet4Address siaddrAddress() {
        return Ip4.toInet(siaddr);
    }

    public Inet4Address giaddrAddress() {
        return Ip4.toInet(giaddr);
    }

    /** Option 53; empty when absent or not one byte long. */
    public Optional<MessageType> messageType() {
        byte[] v = options.raw(DhcpOption.MESSAGE_TYPE.code());
        return v == null || v.length != 1 ? Optional.empty() : Optional.of(MessageType.valueOf(v[0] & 0xFF));
    }

    /** The BROADCAST bit, the top bit of flags. */
    public boolean broadcast() {
        return (flags & BROADCAST_FLAG) != 0;
    }

    /** The client's MAC, when chaddr holds one: htype 1 (Ethernet) and hlen 6. */
    public Optional<Mac> mac() {
        return htype == 1 && hlen == 6 ? Optional.of(Mac.of(chaddr)) : Optional.empty();
    }

    /** Option 55's codes, in the client's order (a phone's order can tell its firmware). */
    public List<Integer> parameterRequestList() {
        byte[] v = options.raw(DhcpOption.PARAMETER_LIST.code());
        if (v == null) {
            return List.of();
        }
        List<Integer> codes = new ArrayList<>(v.length);
        for (byte b : v) {
            codes.add(b & 0xFF);
        }
        return List.copyOf(codes);
    }

    /** Option 57 when it is two bytes and at least 576, otherwise 576. Counts IP and UDP headers. */
    public int maxMessageSize() {
        byte[] v = options.raw(DhcpOption.MAX_MESSAGE_SIZE.code());
        if (v == null || v.length != 2) {
            return MIN_MAX_MESSAGE_SIZE;
        }
        return Math.max(MIN_MAX_MESSAGE_SIZE, (v[0] & 0xFF) << 8 | (v[1] & 0xFF));
    }

    /** Option 50. */
    public Optional<Integer> requestedIp() {
        return ipOption(DhcpOption.REQUESTED_IP.code());
    }

    /** Option 54. */
    public Optional<Integer> serverId() {
        return ipOption(DhcpOption.SERVER_ID.code());
    }

    /** The file field up to its first NUL, as ISO-8859-1 (one char per byte). */
    public String fileString() {
        return nulTerminated(file);
    }

    /** The sname field up to its first NUL, as ISO-8859-1 (one char per byte). */
    public String snameString() {
        return nulTerminated(sname);
    }

    private Optional<Integer> ipOption(int code) {
        byte[] v = options.raw(code);
        return v == null || v.length != 4 ? Optional.empty() : Optional.of(Ip4.read(v, 0));
    }

    private static String nulTerminated(byte[] field) {
        int n = 0;
        while (n < field.length && field[n] != 0) {
            n++;
        }
        return new String(field, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static void requireRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " out of range 0.." + max + ": " + value);
        }
    }

    private static byte[] padded(String name, byte[] value, int length) {
        if (value == null) {
            return new byte[length];
        }
        if (value.length > length) {
            throw new IllegalArgumentException(name + " holds at most " + length + " bytes, got " + value.length);
        }
        return Arrays.copyOf(value, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpMessage m && op == m.op && htype == m.htype && hlen == m.hlen && hops == m.hops
                && xid == m.xid && secs == m.secs && flags == m.flags && ciaddr == m.ciaddr && yiaddr == m.yiaddr
                && siaddr == m.siaddr && giaddr == m.giaddr && Arrays.equals(chaddr, m.chaddr)
                && Arrays.equals(sname, m.sname) && Arrays.equals(file, m.file) && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * xid + Arrays.hashCode(chaddr)) + options.hashCode();
    }

    @Override
    public String toString() {
        return "DhcpMessage[op=" + op + ", type=" + messageType().map(MessageType::toString).orElse("-")
                + ", xid=0x" + Integer.toHexString(xid) + ", chaddr=" + mac().map(Mac::colon).orElse("htype " + htype)
                + ", ciaddr=" + Ip4.toString(ciaddr) + ", yiaddr=" + Ip4.toString(yiaddr)
                + ", siaddr=" + Ip4.toString(siaddr) + ", giaddr=" + Ip4.toString(giaddr)
                + ", sname=" + snameString() + ", file=" + fileString() + ", options=" + options + "]";
    }

    /** Builds a message; every field starts at zero, options empty. Not thread-safe. */
    public static final class Builder {
        private int op = BOOTREQUEST;
        private int htype = 1;
        private int hlen = 6;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private int ciaddr;
        private int yiaddr;
        private int siaddr;
        private int giaddr;
        private byte[] chaddr = new byte[CHADDR_LENGTH];
        private byte[] sname = new byte[SNAME_LENGTH];
        private byte[] file = new byte[FILE_LENGTH];
        private DhcpOptions options = DhcpOptions.empty();

        private Builder() {
        }

        public Builder op(int v) { op = v; return this; }
        public Builder htype(int v) { htype = v; return this; }
        public Builder hlen(int v) { hlen = v; return this; }
        public Builder hops(int v) { hops = v; return this; }
        public Builder xid(int v) { xid = v; return this; }
        public Builder secs(int v) { secs = v; return this; }
        public Builder flags(int v) { flags = v; return this; }
        public Builder ciaddr(int v) { ciaddr = v; return this; }
        public Builder yiaddr(int v) { yiaddr = v; return this; }
        public Builder siaddr(int v) { siaddr = v; return this; }
        public Builder giaddr(int v) { giaddr = v; return this; }
        public Builder ciaddr(Inet4Address v) { return ciaddr(Ip4.toInt(v)); }
        public Builder yiaddr(Inet4Address v) { return yiaddr(Ip4.toInt(v)); }
        public Builder siaddr(Inet4Address v) { return siaddr(Ip4.toInt(v)); }
        public Builder giaddr(Inet4Address v) { return giaddr(Ip4.toInt(v)); }
        public Builder options(DhcpOptions v) { options = v; return this; }

        public Builder broadcast(boolean on) {
            flags = on ? flags | BROADCAST_FLAG : flags & ~BROADCAST_FLAG;
            return this;
        }

        /** Up to 16 bytes, zero-padded. */
        public Builder chaddr(byte[] v) { chaddr = v.clone(); return this; }

        /** An Ethernet client: htype 1, hlen 6, chaddr the MAC. */
        public Builder mac(Mac mac) { return htype(1).hlen(6).chaddr(mac.bytes()); }

        /** Up to 64 bytes, zero-padded. */
        public Builder sname(byte[] v) { sname = v.clone(); return this; }

        /** Up to 63 ISO-8859-1 chars (the field keeps its NUL). */
        public Builder sname(String v) { return sname(nulTerminatedBytes("sname", v, SNAME_LENGTH)); }

        /** Up to 128 bytes, zero-padded. */
        public Builder file(byte[] v) { file = v.clone(); return this; }

        /** Up to 127 ISO-8859-1 chars (the field keeps its NUL). */
        public Builder file(String v) { return file(nulTerminatedBytes("file", v, FILE_LENGTH)); }

        /** @throws IllegalArgumentException for a field out of range */
        public DhcpMessage build() {
            return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr,
                    chaddr, sname, file, options);
        }

        private static byte[] nulTerminatedBytes(String name, String v, int field) {
            byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
            if (b.length >= field) {
                throw new IllegalArgumentException(name + " holds at most " + (field - 1) + " chars, got " + b.length);
            }
            return b;
        }
    }
}
