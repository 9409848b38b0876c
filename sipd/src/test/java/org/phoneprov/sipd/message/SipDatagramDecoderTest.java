package org.phoneprov.sipd.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.LoggerFactory;

/** The SIP decoder on an {@link EmbeddedChannel}: messages pass parsed and stamped, garbage is counted and dropped. */
class SipDatagramDecoderTest {
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.1.75", 5060);
    private static final InetSocketAddress PHONE = new InetSocketAddress("192.168.10.67", 5060);

    private final SipDropCounters drops = new SipDropCounters();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(drops, log(), () -> 42L));

    private RateLimitedLog log() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.sipd." + UUID.randomUUID());
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        lines.start();
        logger.addAppender(lines);
        return new RateLimitedLog(logger);
    }

    private DatagramPacket receive(byte[] data) {
        DatagramPacket p = new DatagramPacket(Unpooled.wrappedBuffer(data), GROUP, PHONE);
        ch.writeInbound(p);
        return p;
    }

    @Test
    void aSubscribeIsHandedOnParsedWithItsAddressesAndArrival() {
        DatagramPacket p = receive(SipSamples.bytes(SipSamples.SNOM));
        SipInbound in = ch.readInbound();
        assertEquals("SUBSCRIBE", assertInstanceOf(SipParse.Request.class, in.message()).message().getMethod());
        assertEquals(PHONE, in.sender());
        assertEquals(GROUP, in.recipient());
        assertEquals(42L, in.receivedNanos());
        assertEquals(0, p.refCnt(), "the datagram is released");
        assertEquals(0, drops.total());
    }

    @Test
    void aResponseIsHandedOnToo() {
        receive(SipSamples.bytes(SipSamples.OK_TO_NOTIFY));
        SipInbound in = ch.readInbound();
        assertEquals(200, assertInstanceOf(SipParse.Response.class, in.message()).message().getStatusCode());
    }

    @Test
    void garbageIsCountedLoggedAndDroppedAndTheChannelServesOn() {
        DatagramPacket p = receive(new byte[] {1, 2, 3});
        receive(new byte[0]);
        receive("\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        receive(new byte[SipParser.MAX_DATAGRAM + 1]);
        assertNull(ch.readInbound());
        assertEquals(0, p.refCnt());
        assertEquals(1, drops.count(SipDrop.NOT_SIP));
        assertEquals(2, drops.count(SipDrop.EMPTY));
        assertEquals(1, drops.count(SipDrop.OVERSIZED));
        assertEquals("sipd.drop reason=NOT_SIP from=192.168.10.67:5060 bytes=3"
                + " detail=\"first line not a SIP request or status line\"", lines.list.get(0).getFormattedMessage());
        assertEquals(4, lines.list.size());
        ch.checkException();
        assertTrue(ch.isOpen());

        receive(SipSamples.bytes(SipSamples.SNOM));
        assertInstanceOf(SipInbound.class, ch.readInbound());
    }

    @Test
    void oneDecoderServesEveryChannel() {
        assertTrue(new SipDatagramDecoder(drops, log(), () -> 0L).isSharable());
    }
}
