package org.phoneprov.tftpd.codec;

import static org.junit.jupiter.api.Assertions.*;
import static org.phoneprov.tftpd.codec.Packets.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.Opcode;
import org.phoneprov.tftpd.packet.TftpPacket;

/** Decoding and encoding of each packet type, byte-exact both ways. */
class TftpCodecTest {

    private static Map<String, String> options(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Decodes, checks the result, re-encodes to the very same bytes. */
    private static TftpPacket roundTrip(byte[] wire, TftpPacket expected) {
        TftpPacket p = decode(wire);
        assertPacketEquals(expected, p);
        assertArrayEquals(wire, encode(p));
        return p;
    }

    @Test
    void seedFilenamesAreKeptByteExact() {
        for (String name : List.of("C:\\ip_phones\\mgcp\\st2030\\v100.zz", ".\\ip_phones\\mgcp\\decks\\st2030\\main.thd")) {
            byte[] wire = Wire.rrq(name, "octet").build();
            TftpPacket.Request r = (TftpPacket.Request) roundTrip(wire,
                    new TftpPacket.Request(Opcode.RRQ, name, "octet", Map.of()));
            assertArrayEquals(name.getBytes(StandardCharsets.US_ASCII), r.filename().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void filenameKeepsEveryByteButNul() {
        byte[] name = new byte[255];
        for (int i = 0; i < name.length; i++) {
            name[i] = (byte) (i + 1);
        }
        String s = new String(name, StandardCharsets.ISO_8859_1);
        byte[] wire = Wire.op(2).raw(s).bytes(0).str("octet").build();
        TftpPacket.Request r = (TftpPacket.Request) roundTrip(wire, new TftpPacket.Request(Opcode.WRQ, s, "octet", Map.of()));
        assertArrayEquals(name, r.filename().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void requestOptionsKeepTheirOrder() {
        byte[] wire = Wire.rrq("ST2030S_0014.txt", "octet").str("blksize").str("1468").str("tsize").str("0")
                .str("timeout").str("5").str("windowsize").str("16").build();
        TftpPacket.Request r = (TftpPacket.Request) roundTrip(wire, new TftpPacket.Request(Opcode.RRQ, "ST2030S_0014.txt",
                "octet", options("blksize", "1468", "tsize", "0", "timeout", "5", "windowsize", "16")));
        assertEquals(List.of("blksize", "tsize", "timeout", "windowsize"), List.copyOf(r.options().keySet()));
    }

    @Test
    void optionNamesAndModeAreLowerCasedValuesKept() {
        byte[] wire = Wire.rrq("a", "OcTeT").str("BLKSIZE").str("512").str("WindowSize").str("4")
                .str("X-Vendor").str("Some Value").build();
        TftpPacket.Request r = (TftpPacket.Request) decode(wire);
        assertEquals("octet", r.mode());
        assertEquals(options("blksize", "512", "windowsize", "4", "x-vendor", "Some Value"), r.options());
        assertEquals(List.of("blksize", "windowsize", "x-vendor"), List.copyOf(r.options().keySet()));
    }

    @Test
    void netasciiWriteRequest() {
        roundTrip(Wire.op(2).str("log.txt").str("netascii").build(),
                new TftpPacket.Request(Opcode.WRQ, "log.txt", "netascii", Map.of()));
        assertEquals("netascii", ((TftpPacket.Request) decode(Wire.op(2).str("x").str("NETASCII").build())).mode());
    }

    @Test
    void outOfRangeAndUnknownOptionsAreNegotiationsBusiness() {
        TftpPacket.Request r = (TftpPacket.Request) decode(Wire.rrq("f", "octet").str("blksize").str("99999999999999999999")
                .str("timeout").str("0").str("tsize").str("007").str("multicast").str("").build());
        assertEquals(options("blksize", "99999999999999999999", "timeout", "0", "tsize", "007", "multicast", ""),
                r.options());
    }

    @Test
    void data() {
        byte[] payload = new byte[512];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        byte[] wire = Wire.op(3).u16(1).bytes().build();
        wire = concat(wire, payload);
        roundTrip(wire, new TftpPacket.Data(1, payload, 0, 512));
        roundTrip(Wire.op(3).u16(65535).build(), new TftpPacket.Data(65535, new byte[0], 0, 0));
    }

    @Test
    void dataEncodesOnlyItsSliceOfASharedArray() {
        byte[] file = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] out = encode(new TftpPacket.Data(2, file, 4, 6));
        assertArrayEquals(concat(Wire.op(3).u16(2).build(), "456789".getBytes(StandardCharsets.US_ASCII)), out);
        assertEquals("0123456789abcdef", new String(file, StandardCharsets.US_ASCII));
    }

    @Test
    void ack() {
        roundTrip(Wire.op(4).u16(0).build(), new TftpPacket.Ack(0));
        roundTrip(Wire.op(4).u16(65535).build(), new TftpPacket.Ack(65535));
        assertEquals(new TftpPacket.Ack(7), decode(Wire.op(4).u16(7).bytes(0, 0, 9).build()), "extra bytes ignored");
    }

    @Test
    void error() {
        roundTrip(Wire.op(5).u16(1).str("File not found").build(),
                new TftpPacket.Error(ErrorCode.FILE_NOT_FOUND, "File not found"));
        roundTrip(Wire.op(5).u16(8).str("").build(), new TftpPacket.Error(ErrorCode.OPTION_REFUSED, ""));
        TftpPacket.Error unknown = (TftpPacket.Error) roundTrip(Wire.op(5).u16(99).str("vendor").build(),
                new TftpPacket.Error(ErrorCode.valueOf(99), "vendor"));
        assertEquals(99, unknown.code().code());
    }

    @Test
    void errorIsReadLeniently() {
        assertEquals(new TftpPacket.Error(ErrorCode.NOT_DEFINED, "no nul"), decode(Wire.op(5).u16(0).raw("no nul").build()));
        assertEquals(new TftpPacket.Error(ErrorCode.DISK_FULL, ""), decode(Wire.op(5).u16(3).build()));
        assertEquals(new TftpPacket.Error(ErrorCode.UNKNOWN_TID, "tid"),
                decode(Wire.op(5).u16(5).str("tid").raw("junk").bytes(0, 1).build()));
    }

    @Test
    void optionAck() {
        roundTrip(Wire.op(6).str("blksize").str("1468").str("tsize").str("123456").str("windowsize").str("16").build(),
                new TftpPacket.OptionAck(options("blksize", "1468", "tsize", "123456", "windowsize", "16")));
        roundTrip(Wire.op(6).build(), new TftpPacket.OptionAck(Map.of()));
    }

    @Test
    void decodingLeavesTheReaderIndexAndReadsOnlyReadableBytes() {
        ByteBuf buf = Unpooled.wrappedBuffer(concat(new byte[] {9, 9, 9}, Wire.op(4).u16(42).build()));
        buf.readerIndex(3);
        assertEquals(new TftpPacket.Ack(42), TftpDecoder.decode(buf));
        assertEquals(3, buf.readerIndex());
        ByteBuf slice = Unpooled.wrappedBuffer(Wire.rrq("a", "octet").str("blksize").str("512").build()).slice(0, 10);
        assertEquals(new TftpPacket.Request(Opcode.RRQ, "a", "octet", Map.of()), TftpDecoder.decode(slice));
    }

    @Test
    void encoderRefusesWhatCannotBeWritten() {
        var alloc = UnpooledByteBufAllocator.DEFAULT;
        assertThrows(IllegalArgumentException.class,
                () -> TftpEncoder.encode(new TftpPacket.Request(Opcode.RRQ, "a\0b", "octet", Map.of()), alloc));
        assertThrows(IllegalArgumentException.class,
                () -> TftpEncoder.encode(new TftpPacket.Request(Opcode.DATA, "a", "octet", Map.of()), alloc));
        assertThrows(IllegalArgumentException.class,
                () -> TftpEncoder.encode(new TftpPacket.OptionAck(options("", "1")), alloc));
        assertThrows(IllegalArgumentException.class, () -> TftpEncoder.encode(new TftpPacket.Ack(65536), alloc));
        assertThrows(IllegalArgumentException.class,
                () -> TftpEncoder.encode(new TftpPacket.Data(-1, new byte[0], 0, 0), alloc));
        assertThrows(IndexOutOfBoundsException.class,
                () -> TftpEncoder.encode(new TftpPacket.Data(1, new byte[4], 2, 3), alloc));
        assertThrows(IllegalArgumentException.class,
                () -> TftpEncoder.encode(new TftpPacket.Error(ErrorCode.NOT_DEFINED, "x\0y"), alloc));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
