package org.phoneprov.dhcpd.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.phoneprov.dhcpd.codec.DhcpDatagramDecoder;
import org.phoneprov.dhcpd.codec.DhcpDecoder;
import org.phoneprov.dhcpd.codec.DhcpEncoder;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.codec.DhcpParseException;
import org.phoneprov.dhcpd.codec.DhcpRequest;
import org.phoneprov.dhcpd.codec.DropCounters;
import org.phoneprov.dhcpd.codec.EncodeResult;
import org.phoneprov.common.dhcp.DhcpOption;

/**
 * Any UDP payload on port 67: the decoder returns a message or throws
 * {@link DhcpParseException} with a reason and a detail, nothing else, and leaves the
 * buffer as it was; the channel's datagram decoder drops it counted (or passes exactly
 * that message on) and the channel stays open; whatever is accepted re-encodes to a
 * packet that decodes to the same options.
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/dhcpd/fuzz/DhcpDecoderFuzzTestInputs/decode/}.
 * Fuzzing: {@code fuzz/run.sh 10 dhcp-decode}.
 */
class DhcpDecoderFuzzTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.77.0.100", 68);
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.77.0.1", 67);

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        DhcpMessage message = null;
        try {
            message = DhcpDecoder.decode(buf);
        } catch (DhcpParseException e) {
            assertNotNull(e.reason(), "a refusal names its reason");
            assertNotNull(e.detail(), "a refusal says what was wrong");
        }
        assertEquals(0, buf.readerIndex(), "the decoder does not move the reader index");
        assertEquals(input.length, buf.writerIndex());

        datagramPath(input, message);
        if (message != null) {
            roundTrip(message);
        }
    }

    /** The pipeline's decoder: a drop is counted, an accepted packet passes as decoded, nothing propagates. */
    private static void datagramPath(byte[] input, DhcpMessage expected) {
        DropCounters counters = new DropCounters();
        EmbeddedChannel channel = new EmbeddedChannel(new DhcpDatagramDecoder(counters, DhcpFuzzSupport.QUIET));
        try {
            DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(input), SERVER, CLIENT);
            boolean passed = channel.writeInbound(packet);
            channel.checkException();
            assertTrue(channel.isOpen(), "a packet never closes the channel");
            if (input.length > 0) { // the empty buffer is a shared constant, never released
                assertEquals(0, packet.refCnt(), "the datagram is released");
            }
            if (expected == null) {
                assertFalse(passed);
                assertEquals(1, counters.total(), "a dropped packet is counted once");
                assertNull(channel.readInbound());
            } else {
                assertTrue(passed);
                assertEquals(0, counters.total());
                DhcpRequest r = channel.readInbound();
                assertEquals(expected, r.message());
                assertEquals(CLIENT, r.sender());
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** What was accepted, written again without overload, reads back with the same options. */
    private static void roundTrip(DhcpMessage m) {
        EncodeResult r = DhcpEncoder.encode(m, 65535, UnpooledByteBufAllocator.DEFAULT);
        try {
            if (!r.complete()) {
                return; // a packet larger than any datagram: some options cannot come back
            }
            DhcpMessage again = DhcpDecoder.decode(r.content());
            assertEquals(m.options().toBuilder().remove(DhcpOption.OVERLOAD.code()).build(), again.options());
            assertEquals(m.xid(), again.xid());
            assertArrayEquals(m.chaddr(), again.chaddr());
            assertEquals(m.messageType(), again.messageType());
        } finally {
            r.content().release();
        }
    }
}
