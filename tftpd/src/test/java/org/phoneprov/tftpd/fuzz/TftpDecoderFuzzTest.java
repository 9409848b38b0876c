package org.phoneprov.tftpd.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.tftpd.codec.Packets.assertPacketEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.tftpd.codec.TftpDatagramDecoder;
import org.phoneprov.tftpd.codec.TftpDatagramEncoder;
import org.phoneprov.tftpd.codec.TftpDecoder;
import org.phoneprov.tftpd.codec.TftpDropCounters;
import org.phoneprov.tftpd.codec.TftpEncoder;
import org.phoneprov.tftpd.codec.TftpInbound;
import org.phoneprov.tftpd.codec.TftpMalformed;
import org.phoneprov.tftpd.codec.TftpOutbound;
import org.phoneprov.tftpd.codec.TftpParseException;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.slf4j.helpers.NOPLogger;

/**
 * Any UDP payload on port 69 or a transfer port: the decoder returns a packet or throws
 * {@link TftpParseException} with a reason and a printable-ASCII detail, nothing else,
 * leaving the buffer as it was. The channel's decoder counts a drop, passes a malformed
 * request on as {@link TftpMalformed} whose ERROR answer encodes, and never propagates
 * an exception. Whatever decodes re-encodes to the same packet.
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/tftpd/fuzz/TftpDecoderFuzzTestInputs/decode/}.
 * Fuzzing: {@code fuzz/run.sh 10 tftp-decode}.
 */
class TftpDecoderFuzzTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.77.0.100", 2070);
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.77.0.1", 69);
    private static final RateLimitedLog QUIET = new RateLimitedLog(NOPLogger.NOP_LOGGER);

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        TftpPacket packet = null;
        try {
            packet = TftpDecoder.decode(buf);
            assertNotNull(packet);
        } catch (TftpParseException e) {
            assertNotNull(e.reason(), "a refusal names its reason");
            assertPrintable(e.detail());
        }
        assertEquals(0, buf.readerIndex(), "the decoder does not move the reader index");

        datagramPath(input, packet);
        if (packet != null) {
            roundTrip(packet);
        }
    }

    private static void datagramPath(byte[] input, TftpPacket expected) {
        TftpDropCounters counters = new TftpDropCounters();
        EmbeddedChannel channel = new EmbeddedChannel(new TftpDatagramDecoder(counters, QUIET));
        try {
            DatagramPacket datagram = new DatagramPacket(Unpooled.wrappedBuffer(input), SERVER, CLIENT);
            boolean passed = channel.writeInbound(datagram);
            channel.checkException();
            assertTrue(channel.isOpen(), "a packet never closes the channel");
            if (input.length > 0) { // the empty buffer is a shared constant, never released
                assertEquals(0, datagram.refCnt(), "the datagram is released");
            }
            Object out = channel.readInbound();
            assertNull(channel.readInbound(), "one datagram, at most one message");
            if (expected != null) {
                assertTrue(passed);
                assertEquals(0, counters.total());
                TftpInbound in = assertInstanceOf(TftpInbound.class, out);
                assertEquals(CLIENT, in.sender());
                assertPacketEquals(expected, in.packet());
                return;
            }
            assertEquals(1, counters.total(), "a dropped packet is counted once");
            if (out == null) {
                assertFalse(passed);
                return;
            }
            TftpMalformed m = assertInstanceOf(TftpMalformed.class, out);
            assertPrintable(m.detail());
            assertTrue(input.length >= 2, "an answer needs at least an opcode");
            int opcode = (input[0] & 0xff) << 8 | (input[1] & 0xff);
            assertTrue(opcode < 3 || opcode > 6, "only requests and unknown opcodes are answered, not " + opcode);
            answer(m);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** The ERROR a malformed request gets goes through the pipeline's encoder and reads back. */
    private static void answer(TftpMalformed m) {
        TftpPacket.Error error = m.answer();
        assertPrintable(error.message());
        EmbeddedChannel channel = new EmbeddedChannel(new TftpDatagramEncoder());
        try {
            assertTrue(channel.writeOutbound(new TftpOutbound(error, m.sender())));
            channel.checkException();
            DatagramPacket out = channel.readOutbound();
            try {
                assertEquals(m.sender(), out.recipient());
                TftpPacket.Error back = assertInstanceOf(TftpPacket.Error.class, TftpDecoder.decode(out.content()));
                assertEquals(error, back);
            } finally {
                out.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void roundTrip(TftpPacket p) {
        ByteBuf again = TftpEncoder.encode(p, UnpooledByteBufAllocator.DEFAULT);
        try {
            TftpPacket back = TftpDecoder.decode(again);
            assertPacketEquals(p, back);
        } finally {
            again.release();
        }
    }

    /** Details and ERROR messages go into log lines ({@code detail="..."}) and onto the wire. */
    static void assertPrintable(String s) {
        assertNotNull(s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int at = i;
            assertTrue(c >= 0x20 && c < 0x7f && c != '"', () -> "not printable at " + at + ": "
                    + ByteBufUtil.hexDump(s.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)));
        }
    }
}
