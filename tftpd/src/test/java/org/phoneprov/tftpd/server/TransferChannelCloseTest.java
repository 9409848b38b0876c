package org.phoneprov.tftpd.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.tftpd.transfer.Limits;
import org.phoneprov.tftpd.transfer.Negotiated;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.slf4j.LoggerFactory;

/**
 * The boot-storm stall (bench/README.md): a transfer that ended on its last ACK closed its
 * channel inside Netty's epoll datagram read loop, which then read the closed descriptor
 * once more. A TCP socket opened right then gets that descriptor number (Linux hands out
 * the lowest free one), so the stale read took the bytes sent to it: in the suite, the
 * HTTP request of a phone whose connection httpd had just accepted. This test opens such a
 * socket at exactly that moment, on real epoll channels over loopback.
 */
class TransferChannelCloseTest {
    private EventLoopGroup group;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private RateLimitedLog log;

    @BeforeEach
    void setUp() {
        assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        group = new EpollEventLoopGroup(1);
        Logger logger = (Logger) LoggerFactory.getLogger("test.transfer." + UUID.randomUUID());
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        lines.start();
        logger.addAppender(lines);
        log = new RateLimitedLog(logger);
    }

    @AfterEach
    void tearDown() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
        }
    }

    @Test
    void aSocketOpenedAsATransferEndsKeepsItsBytes() throws Exception {
        byte[] request = "GET /ST2030S_00147fb00001.inf HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(2000);
            AtomicReference<Socket> accepted = new AtomicReference<>();
            AtomicReference<Socket> sender = new AtomicReference<>();
            CompletableFuture<ReadTransfer> ended = new CompletableFuture<>();
            ReadTransfer transfer = new ReadTransfer(new byte[100], 0, 100, Negotiated.plain(1000), Limits.defaults(),
                    System.nanoTime());
            InetSocketAddress client = (InetSocketAddress) phone.getLocalSocketAddress();
            Channel ch = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                    .handler(new TransferHandler(transfer, client, ended::complete, log))
                    .connect(client, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            // Runs on the event loop the moment the descriptor is closed: a socket opened now
            // gets its number, as one httpd's boss thread accepts at that moment would.
            CompletableFuture<Void> opened = new CompletableFuture<>();
            ch.closeFuture().addListener(f -> {
                try {
                    Socket s = new Socket();
                    s.connect(listener.getLocalSocketAddress(), 1000);
                    accepted.set(s);
                    Socket peer = listener.accept();
                    sender.set(peer);
                    peer.getOutputStream().write(request);
                    peer.getOutputStream().flush();
                    Thread.sleep(50); // the bytes are in s's receive queue before a read loop could go on
                    opened.complete(null);
                } catch (Exception e) {
                    opened.completeExceptionally(e);
                }
            });

            DatagramPacket data = new DatagramPacket(new byte[600], 600);
            phone.receive(data);
            assertEquals(3, data.getData()[1], "DATA");
            phone.send(new DatagramPacket(new byte[] {0, 4, 0, 1}, 4, ch.localAddress()));
            assertEquals(ReadTransfer.State.DONE, ended.get(5, TimeUnit.SECONDS).state());
            assertTrue(ch.closeFuture().await(2, TimeUnit.SECONDS), "the transfer's channel closes after the read");
            opened.get(5, TimeUnit.SECONDS);

            try (Socket s = accepted.get(); Socket peer = sender.get()) {
                s.setSoTimeout(2000);
                InputStream in = s.getInputStream();
                byte[] got = new byte[request.length];
                int n = 0;
                try {
                    while (n < got.length) {
                        int r = in.read(got, n, got.length - n);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                } catch (SocketTimeoutException e) {
                    // n tells how much arrived
                }
                assertEquals(request.length, n, "bytes the new socket received (the rest was read by the closed transfer)");
                assertArrayEquals(request, got);
            }
        }
        assertEquals(java.util.List.of(), lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList(),
                "no transfer errors (a read of a closed descriptor fails with EBADF)");
    }
}
