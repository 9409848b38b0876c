package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;
import static org.phoneprov.dhcpd.codec.RawPacket.ascii;
import static org.phoneprov.dhcpd.codec.RawPacket.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.MessageType;

class DhcpDecoderTest {

    /**
     * A BusyBox udhcpc DISCOVER as it appears on the wire, written out byte by byte:
     * udhcpc sends 53, 61, 57, 55, 60, 12, END and zero-pads the packet to 300 bytes.
     */
    @Test
    void udhcpcDiscoverByHand() {
        byte[] wire = Arrays.copyOf(hex(
                "01 01 06 00"                        // op BOOTREQUEST, htype Ethernet, hlen 6, hops 0
                + "5e 1c 2a 77"                      // xid
                + "00 03 00 00"                      // secs 3, flags 0 (unicast reply accepted)
                + "00000000 00000000 00000000 00000000" // ciaddr yiaddr siaddr giaddr
                + "00147fe147b3 00000000000000000000" // chaddr: MAC + 10 bytes padding
                + "00".repeat(64)                    // sname
                + "00".repeat(128)                   // file
                + "63 82 53 63"                      // magic cookie
                + "35 01 01"                         // 53 DISCOVER
                + "3d 07 01 00147fe147b3"            // 61 client id: htype 1 + MAC
                + "39 02 02 40"                      // 57 max message size 576
                + "37 07 01 03 06 0c 0f 1c 2a"       // 55 parameter request list
                + "3c 0c 7564686370 20 312e33362e31" // 60 "udhcp 1.36.1"
                + "0c 07 7374323033306c"             // 12 host name "st2030l"
                + "ff"), 300);                       // END, then zeros to 300 bytes
        assertEquals(300, wire.length);

        DhcpMessage m = DhcpDecoder.decode(Unpooled.wrappedBuffer(wire));

        assertEquals(1, m.op());
        assertEquals(0x5e1c2a77, m.xid());
        assertEquals(3, m.secs());
        assertFalse(m.broadcast());
        assertEquals("00:14:7F:E1:47:B3", m.mac().orElseThrow().colon());
        assertEquals(MessageType.DISCOVER, m.messageType().orElseThrow());
        assertEquals(List.of(53, 61, 57, 55, 60, 12), List.copyOf(m.options().codes()));
        assertArrayEquals(hex("01 00147fe147b3"), m.options().get(61).orElseThrow());
        assertEquals(576, m.maxMessageSize());
        assertEquals(List.of(1, 3, 6, 12, 15, 28, 42), m.parameterRequestList());
        assertEquals("udhcp 1.36.1", m.options().getString(60).orElseThrow());
        assertEquals("st2030l", m.options().getString(12).orElseThrow());
        assertEquals("", m.fileString());
        assertEquals("", m.snameString());
        assertTrue(m.requestedIp().isEmpty());
    }

    /** Seed section 2.4: codes and lengths of option 60 written as ASCII digits. */
    @Test
    void st20xxOption60StringFormSurvivesByteExact() {
        byte[] value = ascii("0107Thomson0206ST20300303SIP");
        assertEquals(28, value.length);
        RawPacket p = RawPacket.discover().options(53, 1, 3, 60, value.length).addOptions(value)
                .addOptions(77, 15).addOptions(ascii("Thomson ST2030S")).addOptions(255);

        DhcpMessage m = DhcpDecoder.decode(p.buf());

        assertArrayEquals(value, m.options().get(60).orElseThrow());
        assertEquals("0107Thomson0206ST20300303SIP", m.options().getString(60).orElseThrow());
        assertEquals("Thomson ST2030S", m.options().getString(77).orElseThrow());
    }

    @Test
    void highBytesAreNotSignExtended() {
        byte[] value = new byte[128];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (0x80 + i);
        }
        RawPacket p = RawPacket.discover().options(53, 1, 1, 60, 128).addOptions(value)
                .addOptions(55, 3, 0x96, 0xbe, 0xff).addOptions(255);

        DhcpMessage m = DhcpDecoder.decode(p.buf());

        assertArrayEquals(value, m.options().get(60).orElseThrow());
        String s = m.options().getString(60).orElseThrow();
        assertEquals('\u0080', s.charAt(0));
        assertEquals('\u00ff', s.charAt(127));
        assertEquals(List.of(150, 190, 255), m.parameterRequestList());
    }

    @Test
    void headerFieldsAreUnsigned() {
        RawPacket p = RawPacket.discover().hops(16).set(4, 0xff, 0xfe, 0xfd, 0xfc).set(8, 0xff, 0xff, 0x80, 0x00)
                .set(12, 0xc0, 0xa8, 0x01, 0xfe).set(24, 0xac, 0x10, 0xff, 0x01);
        DhcpMessage m = DhcpDecoder.decode(p.buf());
        assertEquals(16, m.hops());
        assertEquals(0xfffefdfc, m.xid());
        assertEquals(65535, m.secs());
        assertEquals(0x8000, m.flags());
        assertTrue(m.broadcast());
        assertEquals("192.168.1.254", m.ciaddrAddress().getHostAddress());
        assertEquals("172.16.255.1", m.giaddrAddress().getHostAddress());
    }

    @Test
    void repeatedOptionsAreConcatenatedInOrder() {
        RawPacket p = RawPacket.discover().options(
                43, 2, 0xa1, 0xa2,
                53, 1, 3,
                50, 2, 10, 77,
                43, 1, 0xa3,
                0, 0,
                50, 2, 0, 100,
                43, 0,
                43, 2, 0xa4, 0xa5,
                255);
        DhcpMessage m = DhcpDecoder.decode(p.buf());
        assertEquals(List.of(43, 53, 50), List.copyOf(m.options().codes()));
        assertArrayEquals(hex("a1a2a3a4a5"), m.options().get(43).orElseThrow());
        assertEquals(0x0a4d0064, m.requestedIp().orElseThrow());
    }

    @Test
    void longOptionSplitOver255Bytes() {
        byte[] value = new byte[600];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 7);
        }
        RawPacket p = RawPacket.discover().options(53, 1, 1)
                .addOptions(43, 255).addOptions(Arrays.copyOfRange(value, 0, 255))
                .addOptions(43, 255).addOptions(Arrays.copyOfRange(value, 255, 510))
                .addOptions(43, 90).addOptions(Arrays.copyOfRange(value, 510, 600)).addOptions(255);
        assertArrayEquals(value, DhcpDecoder.decode(p.buf()).options().get(43).orElseThrow());
    }

    @Test
    void overloadFile() {
        RawPacket p = RawPacket.discover().options(53, 1, 1, 52, 1, 1, 255)
                .file(67, 5, 'x', '.', 'i', 'n', 'f', 255)
                .sname('s', 'r', 'v');
        DhcpMessage m = DhcpDecoder.decode(p.buf());
        assertEquals("x.inf", m.options().getString(67).orElseThrow());
        assertEquals(1, m.options().get(52).orElseThrow()[0]);
        assertEquals("", m.fileString());
        assertArrayEquals(new byte[128], m.file());
        assertEquals("srv", m.snameString());
    }

    @Test
    void overloadSname() {
        RawPacket p = RawPacket.discover().options(53, 1, 1, 52, 1, 2, 255)
                .sname(66, 4, 't', 'f', 't', 'p', 255)
                .file('b', '.', 'i', 'n', 'f');
        DhcpMessage m = DhcpDecoder.decode(p.buf());
        assertEquals("tftp", m.options().getString(66).orElseThrow());
        assertEquals("", m.snameString());
        assertEquals("b.inf", m.fileString());
    }

    @Test
    void overloadBothConcatenatesOptionsThenFileThenSname() {
        RawPacket p = RawPacket.request().options(52, 1, 3, 43, 1, 0x01, 255)
                .file(43, 1, 0x02, 53, 1, 3, 255)
                .sname(43, 1, 0x03, 12, 2, 'p', 'h', 255);
        DhcpMessage m = DhcpDecoder.decode(p.buf());
        assertArrayEquals(new byte[] {1, 2, 3}, m.options().get(43).orElseThrow());
        assertEquals(MessageType.REQUEST, m.messageType().orElseThrow());
        assertEquals("ph", m.options().getString(12).orElseThrow());
        assertEquals(List.of(52, 43, 53, 12), List.copyOf(m.options().codes()));
        assertEquals("", m.fileString());
        assertEquals("", m.snameString());
    }

    @Test
    void overloadedFieldMayRunToItsEndWithoutEnd() {
        RawPacket p = RawPacket.discover().options(53, 1, 1, 52, 1, 2, 255);
        int[] sname = new int[64];
        sname[0] = 43;
        sname[1] = 62;
        Arrays.fill(sname, 2, 64, 0x5a);
        p.sname(sname);
        assertEquals(62, DhcpDecoder.decode(p.buf()).options().length(43));
    }

    @Test
    void sizeFieldsInsideOverloadedAreaAreCheckedAfterConcatenation() {
        RawPacket p = RawPacket.discover().options(53, 1, 1, 52, 1, 1, 54, 2, 10, 77, 255)
                .file(54, 2, 0, 1, 255);
        assertEquals(0x0a4d0001, DhcpDecoder.decode(p.buf()).serverId().orElseThrow());
    }

    @Test
    void missingEndIsAcceptedWhenOptionsEndCleanly() {
        assertEquals(MessageType.DISCOVER,
                DhcpDecoder.decode(RawPacket.request().options(53, 1, 1).buf()).messageType().orElseThrow());
        assertEquals(MessageType.DISCOVER,
                DhcpDecoder.decode(RawPacket.request().options(53, 1, 1, 0, 0, 0).buf()).messageType().orElseThrow());
    }

    @Test
    void bytesAfterEndAreIgnored() {
        RawPacket p = RawPacket.discover().options(53, 1, 1, 255, 0xde, 0xad, 0xbe, 0xef, 53, 1, 2, 12, 200);
        DhcpMessage m = DhcpDecoder.decode(p.buf());
        assertEquals(List.of(53), List.copyOf(m.options().codes()));
    }

    @Test
    void unknownAndZeroLengthOptionsPass() {
        RawPacket p = RawPacket.discover().options(53, 1, 1, 80, 0, 224, 3, 1, 2, 3, 191, 0, 255);
        DhcpMessage m = DhcpDecoder.decode(p.buf());
        assertEquals(0, m.options().length(80));
        assertArrayEquals(new byte[] {1, 2, 3}, m.options().get(224).orElseThrow());
        assertEquals(0, m.options().length(191));
    }

    @Test
    void unknownMessageTypePasses() {
        DhcpMessage m = DhcpDecoder.decode(RawPacket.request().options(53, 1, 13, 255).buf());
        assertEquals(13, m.messageType().orElseThrow().code());
    }

    @Test
    void otherHardwareTypesKeepTheirChaddr() {
        RawPacket p = RawPacket.discover().htype(32).hlen(0);
        assertTrue(DhcpDecoder.decode(p.buf()).mac().isEmpty());
        RawPacket q = RawPacket.discover().htype(6).hlen(16);
        assertEquals(6, DhcpDecoder.decode(q.buf()).htype());
    }

    @Test
    void readsFromTheReaderIndexWithoutMovingIt() {
        byte[] packet = RawPacket.discover().bytes();
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(new byte[] {9, 9, 9});
        buf.writeBytes(packet);
        buf.readerIndex(3);
        DhcpMessage m = DhcpDecoder.decode(buf);
        assertEquals(0x1a2b3c4d, m.xid());
        assertEquals(3, buf.readerIndex());
        assertEquals(packet.length, buf.readableBytes());
    }

    @Test
    void decodeReplyWantsBootReply() {
        RawPacket offer = RawPacket.request().op(2).options(53, 1, 2, 255);
        assertEquals(MessageType.OFFER, DhcpDecoder.decodeReply(offer.buf()).messageType().orElseThrow());
        DhcpParseException e = assertThrows(DhcpParseException.class,
                () -> DhcpDecoder.decodeReply(RawPacket.discover().buf()));
        assertEquals(Malformation.NOT_A_REQUEST, e.reason());
    }
}
