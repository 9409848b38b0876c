package org.phoneprov.tftpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.tftpd.server.RequestProcessorTest.PHONE;
import static org.phoneprov.tftpd.server.RequestProcessorTest.rrq;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.TftpdSettings;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.tftpd.codec.Malformation;
import org.phoneprov.tftpd.codec.TftpDatagramDecoder;
import org.phoneprov.tftpd.codec.TftpDatagramEncoder;
import org.phoneprov.tftpd.codec.TftpDropCounters;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.Opcode;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.Limits;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.phoneprov.testsupport.Scrape;
import org.slf4j.LoggerFactory;

/** Port 69's whole pipeline ({@link TftpChannelInitializer}) on an {@link EmbeddedChannel}: no sockets. */
class RequestHandlerTest {
    private static final InetSocketAddress PORT_69 = new InetSocketAddress("10.77.0.1", 69);
    private static final InetSocketAddress TRANSFER_PORT = new InetSocketAddress("10.77.0.1", 40000);
    private static final Mac MAC = Mac.parse("00:14:7F:E1:47:B3").orElseThrow();
    private static final String INF = "ST2030S_00147fe147b3.inf";

    /** What the handler asked the server to open: a transfer's own channel. */
    private record Started(ReadTransfer transfer, InetSocketAddress client, Consumer<ReadTransfer> onEnd) {
    }

    private final FakeFiles files = new FakeFiles().serve(FakeFiles.generated(INF, "x".repeat(1000), Optional.of(MAC)));
    private final TftpDropCounters drops = new TftpDropCounters();
    private final List<Event> events = new ArrayList<>();
    private final List<Started> started = new ArrayList<>();
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RequestHandlerTest.class));
    private TransferLimits limits = new TransferLimits(10, 2);
    private final SuiteMetrics metrics = new SuiteMetrics();

    private EmbeddedChannel port69() {
        RequestProcessor processor = new RequestProcessor(TftpdSettings.defaults(), () -> files, new FileCache(1 << 20),
                limits, Limits.defaults());
        RequestHandler handler = new RequestHandler(processor, events::add,
                (t, client, onEnd) -> started.add(new Started(t, client, onEnd)), log,
                new TftpMetrics(metrics.registry(), drops, limits::running));
        return new EmbeddedChannel(new TftpChannelInitializer(new TftpDatagramDecoder(drops, log),
                new TftpDatagramEncoder(), handler));
    }

    /** The transfer's channel as the server would open it, embedded: its first packets leave on activation. */
    private EmbeddedChannel transferChannel(Started s) {
        return new EmbeddedChannel(new TransferHandler(s.transfer(), s.client(), s.onEnd(), log));
    }

    private static void receive(EmbeddedChannel ch, TftpPacket p, InetSocketAddress to) {
        ch.writeInbound(Datagrams.of(p, PHONE, to));
    }

    private static void receiveRaw(EmbeddedChannel ch, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(b), PORT_69, PHONE));
    }

    @Test
    void anRrqForAServedFileStartsATransferThatSendsTheFileAndIsRecorded() {
        EmbeddedChannel ch = port69();
        receive(ch, rrq(INF, "octet"), PORT_69);
        assertNull(ch.readOutbound(), "nothing more leaves from port 69");
        assertEquals(1, started.size());
        Started s = started.get(0);
        assertEquals(PHONE, s.client());
        assertEquals(1, limits.running());

        EmbeddedChannel transfer = transferChannel(s);
        TftpPacket.Data first = (TftpPacket.Data) Datagrams.sent(transfer, PHONE);
        assertEquals(1, first.block());
        assertEquals(512, first.length());
        receive(transfer, new TftpPacket.Ack(1), TRANSFER_PORT);
        assertEquals(488, ((TftpPacket.Data) Datagrams.sent(transfer, PHONE)).length());
        receive(transfer, new TftpPacket.Ack(2), TRANSFER_PORT);
        assertFalse(transfer.isOpen(), "a finished transfer closes its channel");

        assertEquals(0, limits.running());
        assertEquals(1, events.size());
        Event e = events.get(0);
        assertEquals(List.of("tftpd", "RRQ", INF, "ok blksize=512 window=1"),
                List.of(e.daemon(), e.action(), e.file(), e.result()));
        assertEquals(Optional.of(MAC), e.device());
        assertEquals(1000, e.bytes());
        assertEquals(Optional.of(PHONE), e.client());
        Scrape scrape = Scrape.of(metrics);
        assertEquals(1, scrape.value("phoneprov_tftp_transfers_total{result=\"ok\"}"));
        assertEquals(1000, scrape.value("phoneprov_tftp_sent_bytes_total"));
        assertEquals(0, scrape.value("phoneprov_tftp_retransmissions_total"));
        assertEquals(1, scrape.value("phoneprov_tftp_transfer_duration_seconds_count"));
        assertEquals(0, scrape.value("phoneprov_tftp_transfers_active"));
    }

    @Test
    void anRrqWithOptionsStartsWithAnOack() {
        EmbeddedChannel ch = port69();
        receive(ch, rrq(INF, "octet", "blksize", "1024", "tsize", "0"), PORT_69);
        EmbeddedChannel transfer = transferChannel(started.get(0));
        assertEquals(new TftpPacket.OptionAck(Map.of("blksize", "1024", "tsize", "1000")),
                Datagrams.sent(transfer, PHONE));
        receive(transfer, new TftpPacket.Ack(0), TRANSFER_PORT);
        assertEquals(1000, ((TftpPacket.Data) Datagrams.sent(transfer, PHONE)).length());
    }

    @Test
    void aMissingFileIsAnsweredWithError1() {
        EmbeddedChannel ch = port69();
        receive(ch, rrq("nothing.here", "octet"), PORT_69);
        assertEquals(new TftpPacket.Error(ErrorCode.FILE_NOT_FOUND, "file not found"), Datagrams.sent(ch, PHONE));
        assertNull(ch.readOutbound());
        assertTrue(started.isEmpty());
        assertEquals(List.of(new Event(events.get(0).time(), "tftpd", "RRQ", Optional.empty(), "nothing.here",
                "error:1", 0, 0, Optional.of(PHONE))), events);
    }

    @Test
    void aWriteIsAnsweredWithError2() {
        EmbeddedChannel ch = port69();
        receive(ch, new TftpPacket.Request(Opcode.WRQ, INF, "octet", Map.of()), PORT_69);
        assertEquals(new TftpPacket.Error(ErrorCode.ACCESS_VIOLATION, "writes are not accepted here"),
                Datagrams.sent(ch, PHONE));
        assertEquals("WRQ error:2", events.get(0).action() + " " + events.get(0).result());
    }

    @Test
    void aBusyServerAnswersError0() {
        limits = new TransferLimits(1, 1);
        EmbeddedChannel ch = port69();
        receive(ch, rrq(INF, "octet"), PORT_69);
        receive(ch, rrq(INF, "octet"), PORT_69);
        assertEquals(1, started.size());
        assertEquals(new TftpPacket.Error(ErrorCode.NOT_DEFINED, "server busy, try again later"),
                Datagrams.sent(ch, PHONE));
        assertEquals("error:0", events.get(0).result());
        Scrape scrape = Scrape.of(metrics);
        assertEquals(1, scrape.value("phoneprov_tftp_refusals_total{reason=\"server_full\"}"));
        assertEquals(1, scrape.value("phoneprov_tftp_transfers_active"), "the first one still runs");
    }

    @Test
    void aMalformedRequestIsCountedAnsweredAndTheChannelServesOn() {
        EmbeddedChannel ch = port69();
        receiveRaw(ch, 0, 1, 'f', 0, 'm', 'a', 'i', 'l', 0);
        assertEquals(1, drops.count(Malformation.BAD_MODE));
        assertEquals(1, Scrape.of(metrics).value("phoneprov_tftp_malformed_packets_total{reason=\"bad_mode\"}"));
        TftpPacket.Error answer = (TftpPacket.Error) Datagrams.sent(ch, PHONE);
        assertEquals(ErrorCode.ILLEGAL_OPERATION, answer.code());
        assertTrue(answer.message().startsWith("Malformed request: "), answer.message());
        assertTrue(events.isEmpty(), "a malformed datagram is counted, not an event");

        receive(ch, rrq(INF, "octet"), PORT_69);
        assertEquals(1, started.size());
        assertTrue(ch.isOpen());
    }

    @Test
    void aMalformedAckIsCountedAndDroppedInSilence() {
        EmbeddedChannel ch = port69();
        receiveRaw(ch, 0, 4, 0);
        receiveRaw(ch, 7);
        assertEquals(2, drops.count(Malformation.TOO_SHORT));
        assertNull(ch.readOutbound());
        assertTrue(ch.isOpen());
        ch.checkException();
    }

    @Test
    void packetsOfNoTransferGetSilence() {
        EmbeddedChannel ch = port69();
        receive(ch, new TftpPacket.Ack(1), PORT_69);
        receive(ch, new TftpPacket.Error(ErrorCode.UNKNOWN_TID, "who?"), PORT_69);
        assertNull(ch.readOutbound());
        assertTrue(events.isEmpty());
        assertTrue(started.isEmpty());
    }

    @Test
    void anExceptionIsLoggedAndTheChannelServesOn() {
        EmbeddedChannel ch = port69();
        ch.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
        ch.checkException();
        assertTrue(ch.isOpen());
        receive(ch, rrq(INF, "octet"), PORT_69);
        assertEquals(1, started.size());
    }
}
