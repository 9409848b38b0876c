package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.testsupport.LogCapture;

class DhcpDatagramCodecTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.77.0.100", 68);
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.77.0.1", 67);

    private static DatagramPacket packet(byte[] bytes) {
        return new DatagramPacket(Unpooled.wrappedBuffer(bytes), SERVER, CLIENT);
    }

    @Test
    void badPacketIsDroppedCountedAndLoggedThenTheNextPasses() {
        DropCounters counters = new DropCounters();
        LogCapture log = new LogCapture();
        EmbeddedChannel ch = new EmbeddedChannel(new DhcpDatagramDecoder(counters, log.rateLimited()));

        DatagramPacket bad = packet(RawPacket.discover().cookie(0).bytes());
        assertFalse(ch.writeInbound(bad));
        assertNull(ch.readInbound());
        assertEquals(0, bad.refCnt());
        assertEquals(1, counters.count(Malformation.NO_MAGIC_COOKIE));
        assertEquals(1, counters.total());
        assertTrue(ch.isOpen());
        ch.checkException();
        assertEquals(1, log.lines().size());
        assertEquals("dhcpd.drop reason=NO_MAGIC_COOKIE from=10.77.0.100:68 bytes=244"
                + " detail=\"0x00000000, expected 0x63825363\"", log.lines().get(0));

        assertFalse(ch.writeInbound(packet(new byte[10])));
        assertEquals(1, counters.count(Malformation.TOO_SHORT));

        DatagramPacket good = packet(RawPacket.discover().bytes());
        assertTrue(ch.writeInbound(good));
        DhcpRequest req = ch.readInbound();
        assertEquals(MessageType.DISCOVER, req.message().messageType().orElseThrow());
        assertEquals(CLIENT, req.sender());
        assertEquals(SERVER, req.recipient());
        assertEquals(0x1a2b3c4d, req.message().xid());
        assertEquals(0, good.refCnt());
        assertEquals(2, counters.total());
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }

    @Test
    void everyCorpusPacketIsDroppedWithItsReason() {
        DropCounters counters = new DropCounters();
        EmbeddedChannel ch = new EmbeddedChannel(new DhcpDatagramDecoder(counters, new LogCapture().rateLimited()));
        var corpus = MalformedCorpusTest.corpus();
        for (var c : corpus) {
            assertFalse(ch.writeInbound(packet(c.packet())), c.name());
        }
        assertEquals(corpus.size(), counters.total());
        for (Malformation m : Malformation.values()) {
            assertEquals(corpus.stream().filter(c -> c.reason() == m).count(), counters.count(m), m.name());
        }
        assertTrue(ch.isOpen());
        assertNull(ch.readInbound());
    }

    @Test
    void dropLogIsRateLimited() {
        LogCapture log = new LogCapture();
        EmbeddedChannel ch = new EmbeddedChannel(new DhcpDatagramDecoder(new DropCounters(), log.rateLimited()));
        for (int i = 0; i < 100; i++) {
            ch.writeInbound(packet(new byte[1]));
        }
        assertEquals(20, log.lines().size());
    }

    @Test
    void handlersAreSharable() {
        DhcpDatagramDecoder decoder = new DhcpDatagramDecoder(new DropCounters());
        DhcpDatagramEncoder encoder = new DhcpDatagramEncoder();
        assertTrue(decoder.isSharable());
        assertTrue(encoder.isSharable());
        EmbeddedChannel a = new EmbeddedChannel(decoder, encoder);
        EmbeddedChannel b = new EmbeddedChannel(decoder, encoder);
        assertTrue(a.writeInbound(packet(RawPacket.discover().bytes())));
        assertTrue(b.writeInbound(packet(RawPacket.discover().bytes())));
        assertNotNull(a.readInbound());
        assertNotNull(b.readInbound());
    }

    @Test
    void encoderWritesTheReplyToItsRecipient() {
        LogCapture log = new LogCapture();
        EmbeddedChannel ch = new EmbeddedChannel(new DhcpDatagramEncoder(log.rateLimited()));
        DhcpMessage request = DhcpEncoderTest.discover(MessageType.DISCOVER);
        DhcpMessage offer = DhcpEncoderTest.offer(request, MessageType.OFFER);
        InetSocketAddress broadcast = new InetSocketAddress("255.255.255.255", 68);

        assertTrue(ch.writeOutbound(new DhcpReply(offer, broadcast, request.maxMessageSize())));
        DatagramPacket out = ch.readOutbound();
        try {
            assertEquals(broadcast, out.recipient());
            assertEquals(offer, DhcpDecoder.decodeReply(out.content()));
        } finally {
            out.release();
        }
        assertTrue(log.lines().isEmpty());
    }

    @Test
    void encoderLogsOptionsLeftOut() {
        LogCapture log = new LogCapture();
        EmbeddedChannel ch = new EmbeddedChannel(new DhcpDatagramEncoder(log.rateLimited()));
        DhcpMessage request = DhcpEncoderTest.discover(MessageType.DISCOVER);
        DhcpMessage base = DhcpEncoderTest.offer(request, MessageType.OFFER);
        byte[] huge = new byte[700];
        Arrays.fill(huge, (byte) 1);
        DhcpMessage offer = base.toBuilder().options(base.options().toBuilder().put(43, huge).build()).build();

        assertTrue(ch.writeOutbound(new DhcpReply(offer, CLIENT, 576)));
        DatagramPacket out = ch.readOutbound();
        try {
            ByteBuf content = out.content();
            assertTrue(content.readableBytes() <= 548);
            assertFalse(DhcpDecoder.decodeReply(content).options().has(43));
        } finally {
            out.release();
        }
        assertEquals(1, log.lines().size());
        assertEquals("dhcpd.option_left_out code=43 name=VENDOR_SPECIFIC xid=0x0badcafe to=10.77.0.100:68 max=576",
                log.lines().get(0));
    }
}
