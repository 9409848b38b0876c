package org.phoneprov.tftpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.EncoderException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phoneprov.testsupport.LogCapture;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.Opcode;
import org.phoneprov.tftpd.packet.TftpPacket;

class TftpDatagramCodecTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.77.0.100", 2070);
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.77.0.1", 69);

    private static DatagramPacket packet(byte[] bytes) {
        return new DatagramPacket(Unpooled.wrappedBuffer(bytes), SERVER, CLIENT);
    }

    @Test
    void badPacketIsDroppedCountedAndLoggedThenTheNextPasses() {
        TftpDropCounters counters = new TftpDropCounters();
        LogCapture log = new LogCapture();
        EmbeddedChannel ch = new EmbeddedChannel(new TftpDatagramDecoder(counters, log.rateLimited()));

        DatagramPacket bad = packet(Wire.op(4).bytes(1).build());
        assertFalse(ch.writeInbound(bad));
        assertNull(ch.readInbound());
        assertEquals(0, bad.refCnt());
        assertEquals(1, counters.count(Malformation.TOO_SHORT));
        assertEquals(1, counters.total());
        ch.checkException();
        assertEquals(1, log.lines().size());
        assertEquals("tftpd.drop reason=TOO_SHORT from=10.77.0.100:2070 bytes=3"
                + " detail=\"ACK of 3 bytes, at least 4 needed\"", log.lines().get(0));

        DatagramPacket good = packet(Wire.rrq("C:\\ip_phones\\mgcp\\st2030\\v100.zz", "octet").build());
        assertTrue(ch.writeInbound(good));
        TftpInbound in = ch.readInbound();
        assertEquals(new TftpPacket.Request(Opcode.RRQ, "C:\\ip_phones\\mgcp\\st2030\\v100.zz", "octet", Map.of()),
                in.packet());
        assertEquals(CLIENT, in.sender());
        assertEquals(SERVER, in.recipient());
        assertEquals(0, good.refCnt());
        assertEquals(1, counters.total());
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }

    @Test
    void malformedRequestGoesOnToBeAnswered() {
        TftpDropCounters counters = new TftpDropCounters();
        LogCapture log = new LogCapture();
        EmbeddedChannel ch = new EmbeddedChannel(new TftpDatagramDecoder(counters, log.rateLimited()));

        assertTrue(ch.writeInbound(packet(Wire.rrq("f", "mail").build())));
        TftpMalformed m = ch.readInbound();
        assertEquals(new TftpMalformed(Malformation.BAD_MODE, "mode 'mail'", CLIENT, SERVER), m);
        assertEquals(new TftpPacket.Error(ErrorCode.ILLEGAL_OPERATION, "Malformed request: mode 'mail'"), m.answer());
        assertEquals(1, counters.count(Malformation.BAD_MODE));
        assertEquals("tftpd.drop reason=BAD_MODE from=10.77.0.100:2070 bytes=9 detail=\"mode 'mail'\"",
                log.lines().get(0));

        assertTrue(ch.writeInbound(packet(Wire.rrq("f", "octet").str("blksize").str("1").str("BlkSize").str("2").build())));
        assertEquals(ErrorCode.OPTION_REFUSED, ((TftpMalformed) ch.readInbound()).answer().code());

        assertTrue(ch.writeInbound(packet(Wire.op(9).u16(1).build())));
        TftpMalformed unknown = ch.readInbound();
        assertEquals(Malformation.UNKNOWN_OPCODE, unknown.reason());
        assertEquals(new TftpPacket.Error(ErrorCode.ILLEGAL_OPERATION, "Illegal TFTP operation: opcode 9"),
                unknown.answer());
        assertEquals(3, counters.total());
    }

    @Test
    void everyCorpusPacketIsCountedWithItsReasonAndOnlyRequestsGoOn() {
        TftpDropCounters counters = new TftpDropCounters();
        EmbeddedChannel ch = new EmbeddedChannel(new TftpDatagramDecoder(counters, new LogCapture().rateLimited()));
        var corpus = MalformedCorpusTest.corpus();
        for (var c : corpus) {
            byte[] b = c.packet();
            int opcode = b.length < 2 ? -1 : (b[0] & 0xff) << 8 | b[1] & 0xff;
            boolean answerable = opcode == 1 || opcode == 2 || opcode == 0 || opcode > 6;
            assertEquals(answerable, ch.writeInbound(packet(b)), c.toString());
            if (answerable) {
                TftpMalformed m = ch.readInbound();
                assertEquals(c.reason(), m.reason(), c.toString());
            }
        }
        assertEquals(corpus.size(), counters.total());
        for (Malformation m : Malformation.values()) {
            assertEquals(corpus.stream().filter(c -> c.reason() == m).count(), counters.count(m), m.name());
        }
        assertNull(ch.readInbound());
        assertTrue(ch.isOpen());
    }

    @Test
    void dropLogIsRateLimited() {
        LogCapture log = new LogCapture();
        EmbeddedChannel ch = new EmbeddedChannel(new TftpDatagramDecoder(new TftpDropCounters(), log.rateLimited()));
        for (int i = 0; i < 100; i++) {
            ch.writeInbound(packet(new byte[1]));
        }
        assertEquals(20, log.lines().size());
    }

    @Test
    void handlersAreSharable() {
        TftpDatagramDecoder decoder = new TftpDatagramDecoder(new TftpDropCounters());
        TftpDatagramEncoder encoder = new TftpDatagramEncoder();
        assertTrue(decoder.isSharable());
        assertTrue(encoder.isSharable());
        EmbeddedChannel a = new EmbeddedChannel(decoder, encoder);
        EmbeddedChannel b = new EmbeddedChannel(decoder, encoder);
        assertTrue(a.writeInbound(packet(Wire.op(4).u16(1).build())));
        assertTrue(b.writeInbound(packet(Wire.op(4).u16(2).build())));
        assertEquals(new TftpPacket.Ack(1), ((TftpInbound) a.readInbound()).packet());
        assertEquals(new TftpPacket.Ack(2), ((TftpInbound) b.readInbound()).packet());
    }

    @Test
    void encoderWritesThePacketToItsRecipient() {
        EmbeddedChannel ch = new EmbeddedChannel(new TftpDatagramEncoder());
        byte[] file = "[SYSTEM]\r\nconfig_sn=42\r\n".getBytes(StandardCharsets.US_ASCII);
        assertTrue(ch.writeOutbound(new TftpOutbound(new TftpPacket.Data(1, file, 10, 12), CLIENT)));
        DatagramPacket out = ch.readOutbound();
        try {
            assertEquals(CLIENT, out.recipient());
            assertArrayEquals(Wire.op(3).u16(1).raw("config_sn=42").build(), ByteBufUtil.getBytes(out.content()));
        } finally {
            out.release();
        }

        TftpPacket.OptionAck oack = new TftpPacket.OptionAck(Map.of("blksize", "1468"));
        assertTrue(ch.writeOutbound(new TftpOutbound(oack, CLIENT)));
        DatagramPacket o = ch.readOutbound();
        try {
            assertEquals(oack, TftpDecoder.decode(o.content()));
        } finally {
            o.release();
        }
        assertFalse(ch.finish());
    }

    @Test
    void encoderRefusesABrokenPacketLoudly() {
        EmbeddedChannel ch = new EmbeddedChannel(new TftpDatagramEncoder());
        assertThrows(EncoderException.class,
                () -> ch.writeOutbound(new TftpOutbound(new TftpPacket.Error(ErrorCode.NOT_DEFINED, "a\0b"), CLIENT)));
        assertNull(ch.readOutbound());
    }
}
