package org.phoneprov.dhcpd.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds packet bytes by hand, field by field, for tests that must control every byte. */
final class RawPacket {
    static final byte[] MAC = {0x00, 0x14, 0x7F, (byte) 0xE1, 0x47, (byte) 0xB3};

    private final byte[] header = new byte[236];
    private int cookie = 0x63825363;
    private boolean withCookie = true;
    private final ByteArrayOutputStream options = new ByteArrayOutputStream();

    /** op 1, Ethernet, xid 0x1a2b3c4d, chaddr {@link #MAC}, no options. */
    static RawPacket request() {
        RawPacket p = new RawPacket().set(0, 1, 1, 6, 0).set(4, 0x1a, 0x2b, 0x3c, 0x4d);
        System.arraycopy(MAC, 0, p.header, 28, 6);
        return p;
    }

    /** A DISCOVER: {@link #request()} with options {@code 53 1 1, END}. */
    static RawPacket discover() {
        return request().options(53, 1, 1, 255);
    }

    /** Sets header bytes from {@code offset} on. */
    RawPacket set(int offset, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            header[offset + i] = (byte) bytes[i];
        }
        return this;
    }

    RawPacket op(int v) {
        return set(0, v);
    }

    RawPacket htype(int v) {
        return set(1, v);
    }

    RawPacket hlen(int v) {
        return set(2, v);
    }

    RawPacket hops(int v) {
        return set(3, v);
    }

    /** Bytes at the start of the 64-byte sname field. */
    RawPacket sname(int... bytes) {
        return set(DhcpDecoder.SNAME_OFFSET, bytes);
    }

    /** Bytes at the start of the 128-byte file field. */
    RawPacket file(int... bytes) {
        return set(DhcpDecoder.FILE_OFFSET, bytes);
    }

    RawPacket cookie(int v) {
        cookie = v;
        return this;
    }

    RawPacket noCookie() {
        withCookie = false;
        return this;
    }

    /** Replaces the options area with these bytes, verbatim (no END added). */
    RawPacket options(int... bytes) {
        options.reset();
        return addOptions(bytes);
    }

    RawPacket addOptions(int... bytes) {
        for (int b : bytes) {
            options.write(b);
        }
        return this;
    }

    RawPacket addOptions(byte[] bytes) {
        options.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        if (withCookie) {
            out.write(cookie >>> 24);
            out.write(cookie >>> 16);
            out.write(cookie >>> 8);
            out.write(cookie);
        }
        out.writeBytes(options.toByteArray());
        return out.toByteArray();
    }

    ByteBuf buf() {
        return Unpooled.wrappedBuffer(bytes());
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
