package org.phoneprov.dhcpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.SERVER;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.ST2030S;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.ip;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.request;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.guard.TokenBuckets;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.net.AddressBook;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.dhcpd.codec.DhcpOptions;
import org.phoneprov.dhcpd.codec.DhcpReply;
import org.phoneprov.dhcpd.codec.DhcpRequest;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseStore;
import org.phoneprov.testsupport.Scrape;
import org.slf4j.LoggerFactory;

/**
 * The handler on an {@link EmbeddedChannel}, with a lease store the test answers by hand:
 * an ACK leaves only once its lease is durable, and never when the commit fails.
 */
class DhcpHandlerTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("0.0.0.0", 68);
    private static final InetSocketAddress PORT_67 = new InetSocketAddress("255.255.255.255", 67);
    private static final int FIXED = ip("10.77.1.1");

    @TempDir
    Path dir;
    /** Store calls and channel writes, in the order they happened. */
    private final List<String> order = new ArrayList<>();
    private final List<CompletableFuture<Void>> commits = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final AddressBook addresses = new AddressBook();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private DhcpHandler handler;
    private final SuiteMetrics metrics = new SuiteMetrics();

    /** Writes down each commit and leaves it pending until the test completes it. */
    private final LeaseStore store = new LeaseStore() {
        @Override
        public List<Lease> loadAll() {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> commit(Lease lease) {
            order.add("commit " + Ip4.toString(lease.address()));
            CompletableFuture<Void> f = new CompletableFuture<>();
            commits.add(f);
            return f;
        }

        @Override
        public void close() {
        }
    };

    private EmbeddedChannel channel() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("test.dhcpd." + UUID.randomUUID());
        logger.setAdditive(false);
        lines.start();
        logger.addAppender(lines);
        RateLimitedLog log = new RateLimitedLog(logger);
        handler = new DhcpHandler(DhcpProcessorTest.processor(DhcpProcessorTest.config(dir)), java.util.Optional.empty(),
                store, events::add, addresses,
                new TokenBuckets(1000, 10_000, System.nanoTime()), log, log, new DhcpMetrics(metrics.registry()));
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                order.add("write " + ((DhcpReply) msg).message().messageType().orElseThrow());
                ctx.write(msg, promise);
            }
        }, handler);
        return ch;
    }

    private static void receive(EmbeddedChannel ch, MessageType type, DhcpOptions.Builder options) {
        ch.writeInbound(new DhcpRequest(request(ST2030S, type, options), CLIENT, PORT_67));
    }

    /** DISCOVER, OFFER (no commit), then the REQUEST for the offered address; its commit is left pending. */
    private EmbeddedChannel offeredAndRequested() throws Exception {
        EmbeddedChannel ch = channel();
        receive(ch, MessageType.DISCOVER, DhcpOptions.builder());
        DhcpReply offer = ch.readOutbound();
        assertEquals(MessageType.OFFER, offer.message().messageType().orElseThrow());
        receive(ch, MessageType.REQUEST, DhcpOptions.builder().putIp(DhcpOption.SERVER_ID.code(), SERVER)
                .putIp(DhcpOption.REQUESTED_IP.code(), FIXED));
        return ch;
    }

    @Test
    void theLeaseIsCommittedBeforeTheAckIsWritten() throws Exception {
        EmbeddedChannel ch = offeredAndRequested();
        ch.runPendingTasks();
        assertNull(ch.readOutbound(), "no ACK while the commit is pending");
        assertEquals(List.of("write OFFER", "commit 10.77.1.1"), order);

        commits.get(0).complete(null);
        ch.runPendingTasks();
        DhcpReply ack = ch.readOutbound();
        assertEquals(MessageType.ACK, ack.message().messageType().orElseThrow());
        assertEquals(FIXED, ack.message().yiaddr());
        assertEquals(List.of("write OFFER", "commit 10.77.1.1", "write ACK"), order);
        assertEquals(Optional.of(ST2030S), addresses.macAt(InetAddress.getByName("10.77.1.1")));
        assertEquals("ACK", events.get(events.size() - 1).result());
        Scrape scrape = Scrape.of(metrics);
        assertEquals(0, scrape.value("phoneprov_dhcp_commit_failures_total"));
        assertEquals(1, scrape.value("phoneprov_dhcp_packets_received_total{type=\"discover\"}"));
        assertEquals(1, scrape.value("phoneprov_dhcp_packets_received_total{type=\"request\"}"));
        assertEquals(1, scrape.value("phoneprov_dhcp_packets_sent_total{type=\"offer\"}"));
        assertEquals(1, scrape.value("phoneprov_dhcp_packets_sent_total{type=\"ack\"}"));
        assertEquals(1, scrape.value("phoneprov_dhcp_offer_to_ack_seconds_count"), "the SELECTING ACK is timed");
    }

    @Test
    void whenTheCommitFailsNoAckLeavesAndTheChannelServesOn() throws Exception {
        EmbeddedChannel ch = offeredAndRequested();
        commits.get(0).completeExceptionally(new StoreException("disk full", null));
        ch.runPendingTasks();
        assertNull(ch.readOutbound(), "a lease is never promised unstored");
        assertEquals(List.of("write OFFER", "commit 10.77.1.1"), order);
        Scrape scrape = Scrape.of(metrics);
        assertEquals(1, scrape.value("phoneprov_dhcp_commit_failures_total"));
        assertEquals(0, scrape.value("phoneprov_dhcp_packets_sent_total{type=\"ack\"}"));
        assertEquals(0, scrape.value("phoneprov_dhcp_offer_to_ack_seconds_count"), "no ACK, no latency");
        assertEquals(Optional.empty(), addresses.macAt(InetAddress.getByName("10.77.1.1")));
        assertEquals("commit-failed", events.get(events.size() - 1).result());
        assertEquals(List.of("dhcpd.commit_failed address=10.77.1.1 error=\"disk full\""
                + " (no ACK sent: a lease is never promised unstored)"),
                lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertTrue(ch.isOpen());
        ch.checkException();

        receive(ch, MessageType.REQUEST, DhcpOptions.builder().putIp(DhcpOption.SERVER_ID.code(), SERVER)
                .putIp(DhcpOption.REQUESTED_IP.code(), FIXED));
        commits.get(1).complete(null);
        ch.runPendingTasks();
        DhcpReply retried = ch.readOutbound();
        assertEquals(MessageType.ACK, retried.message().messageType().orElseThrow(), "the client's retry is served");
    }

    @Test
    void anAddressTheSharedStoreHoldsForAnotherClientGetsNoAckAndIsNotOfferedAgain() throws Exception {
        EmbeddedChannel ch = channel();
        org.phoneprov.common.mac.Mac phone = org.phoneprov.common.mac.Mac.of(0x00147F0000AAL);
        ch.writeInbound(new DhcpRequest(request(phone, MessageType.DISCOVER, DhcpOptions.builder()), CLIENT, PORT_67));
        DhcpReply offer = ch.readOutbound();
        int offered = offer.message().yiaddr();
        ch.writeInbound(new DhcpRequest(request(phone, MessageType.REQUEST, DhcpOptions.builder()
                .putIp(DhcpOption.SERVER_ID.code(), SERVER).putIp(DhcpOption.REQUESTED_IP.code(), offered)),
                CLIENT, PORT_67));
        Lease holder = new Lease(offered, org.phoneprov.common.mac.Mac.of(0x00147F0000BBL), "", Long.MAX_VALUE / 2,
                org.phoneprov.dhcpd.lease.LeaseState.ACTIVE, 1);
        Lease refused = new Lease(offered, phone, "", 0, org.phoneprov.dhcpd.lease.LeaseState.ACTIVE, 2);
        commits.get(0).completeExceptionally(new org.phoneprov.dhcpd.lease.LeaseConflict(refused, holder, "db"));
        ch.runPendingTasks();
        assertNull(ch.readOutbound(), "no ACK for an address another node leased");
        assertEquals("conflict", events.get(events.size() - 1).result());
        assertEquals(1, Scrape.of(metrics).value("phoneprov_dhcp_drops_total{reason=\"lease_conflict\"}"));
        assertTrue(lines.list.get(0).getFormattedMessage().startsWith("dhcpd.lease_conflict address="
                + Ip4.toString(offered)), lines.list.toString());

        ch.writeInbound(new DhcpRequest(request(phone, MessageType.DISCOVER, DhcpOptions.builder()), CLIENT, PORT_67));
        DhcpReply again = ch.readOutbound();
        assertTrue(again.message().yiaddr() != offered, "the next offer is another address");
    }
}
