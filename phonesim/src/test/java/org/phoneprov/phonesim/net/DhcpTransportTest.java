package org.phoneprov.phonesim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay and broadcast transports against a fake DHCP server on loopback. */
class DhcpTransportTest {
    private static final byte[] DISCOVER = {53, 1, 1};
    private static final Duration WAIT = Duration.ofSeconds(3);

    private DatagramSocket server;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final List<SocketAddress> sources = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openServer() throws Exception {
        server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(3000);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    private InetSocketAddress serverAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Receives {@code n} requests, then answers each with a reply of the same xid, last first, after a stranger. */
    private CompletableFuture<Void> answerInReverse(int n) {
        return CompletableFuture.runAsync(() -> {
            try {
                List<DatagramPacket> got = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
                    server.receive(p);
                    byte[] m = Arrays.copyOf(p.getData(), p.getLength());
                    received.add(m);
                    sources.add(p.getSocketAddress());
                    got.add(p);
                }
                byte[] stranger = DhcpTestMessages.message(2, 0x0BADBAD0, 99, new byte[] {53, 1, 2});
                server.send(new DatagramPacket(stranger, stranger.length, got.get(0).getSocketAddress()));
                for (int i = n - 1; i >= 0; i--) {
                    byte[] req = received.get(i);
                    int xid = DhcpReplyRouter.xid(req);
                    // The server echoes option 82 (RFC 3046 2.2); yiaddr's last byte says which request it answers.
                    byte[] reply = DhcpTestMessages.message(2, xid, 100 + i, new byte[] {53, 1, 2, 82, 2, 19, 0});
                    server.send(new DatagramPacket(reply, reply.length, got.get(i).getSocketAddress()));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void relaysWithGiaddrHopsAndSourcePort() throws Exception {
        InetSocketAddress bindAt = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (RelayDhcpTransport relay = new RelayDhcpTransport(bindAt, serverAddress())) {
            CompletableFuture<Void> s = answerInReverse(1);
            Optional<byte[]> reply = relay.exchange(DhcpTestMessages.message(1, 0x01020304, 0, DISCOVER), 0x01020304,
                    WAIT);
            s.get();
            byte[] req = received.get(0);
            assertArrayEquals(new byte[] {127, 0, 0, 1}, Arrays.copyOfRange(req, 24, 28));
            assertEquals(1, req[3]);
            int at = DhcpTestMessages.find(req, 82);
            assertArrayEquals(new byte[] {82, 2, 19, 0, (byte) 255}, Arrays.copyOfRange(req, at, at + 5));
            assertTrue(req.length >= 300);
            assertEquals(relay.localAddress(), sources.get(0));
            assertTrue(reply.isPresent());
            assertEquals(0x01020304, DhcpReplyRouter.xid(reply.get()));
            assertEquals(-1, DhcpTestMessages.find(reply.get(), 82));
            assertTrue(relay.unclaimedReplies() >= 1);
        }
    }

    @Test
    void concurrentExchangesGetTheirOwnReplies() throws Exception {
        InetSocketAddress bindAt = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (RelayDhcpTransport relay = new RelayDhcpTransport(bindAt, serverAddress())) {
            CompletableFuture<Void> s = answerInReverse(2);
            CompletableFuture<Optional<byte[]>> a = CompletableFuture.supplyAsync(
                    () -> relay.exchange(DhcpTestMessages.message(1, 0xAAAA0001, 0, DISCOVER), 0xAAAA0001, WAIT));
            CompletableFuture<Optional<byte[]>> b = CompletableFuture.supplyAsync(
                    () -> relay.exchange(DhcpTestMessages.message(1, 0xBBBB0002, 0, DISCOVER), 0xBBBB0002, WAIT));
            s.get();
            assertEquals(0xAAAA0001, DhcpReplyRouter.xid(a.get().orElseThrow()));
            assertEquals(0xBBBB0002, DhcpReplyRouter.xid(b.get().orElseThrow()));
        }
    }

    @Test
    void timesOutWithoutAReply() {
        InetSocketAddress bindAt = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (RelayDhcpTransport relay = new RelayDhcpTransport(bindAt, serverAddress())) {
            long start = System.nanoTime();
            assertTrue(relay.exchange(DhcpTestMessages.message(1, 7, 0, DISCOVER), 7, Duration.ofMillis(100))
                    .isEmpty());
            assertTrue(System.nanoTime() - start < 1_000_000_000L);
        }
    }

    @Test
    void broadcastTransportDemultiplexesToo() throws Exception {
        // On loopback, with the destination pointed at the fake server instead of 255.255.255.255:67.
        InetSocketAddress bindAt = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (BroadcastDhcpTransport t = new BroadcastDhcpTransport(bindAt, serverAddress())) {
            CompletableFuture<Void> s = answerInReverse(2);
            byte[] first = DhcpTestMessages.message(1, 0x11, 0, DISCOVER);
            CompletableFuture<Optional<byte[]>> a = CompletableFuture.supplyAsync(() -> t.exchange(first, 0x11, WAIT));
            CompletableFuture<Optional<byte[]>> b = CompletableFuture.supplyAsync(
                    () -> t.exchange(DhcpTestMessages.message(1, 0x22, 0, DISCOVER), 0x22, WAIT));
            s.get();
            assertEquals(0x11, DhcpReplyRouter.xid(a.get().orElseThrow()));
            assertEquals(0x22, DhcpReplyRouter.xid(b.get().orElseThrow()));
            // Unchanged on the way: the broadcast transport is no relay.
            byte[] sent = received.stream().filter(m -> DhcpReplyRouter.xid(m) == 0x11).findFirst().orElseThrow();
            assertArrayEquals(first, sent);
        }
    }
}
