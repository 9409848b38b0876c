package org.phoneprov.tftpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.tftpd.server.RequestProcessorTest.PHONE;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.Limits;
import org.phoneprov.tftpd.transfer.Negotiated;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.slf4j.LoggerFactory;

/**
 * One transfer's handler on an {@link EmbeddedChannel}. Not covered here, since they need
 * a real socket: the transfer's own port (its TID) and the kernel's filtering of a
 * connected socket, opened by {@code TftpServer.openTransfer}; a real ICMP port unreachable;
 * and the epoll read loop after a close, which {@link TransferChannelCloseTest} covers on
 * loopback. Timeouts run on the embedded loop's clock, which is real time: they wait.
 */
class TransferHandlerTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("10.77.0.1", 40000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("10.77.0.66", 2070);
    /** Three blocks of 512: 512, 512, 76. */
    private static final byte[] CONTENT = new byte[1100];
    /** Short where a test waits for it; else long, so a slow machine never fires it in between. */
    private static final int TIMEOUT_MS = 20;
    private static final int NEVER_MS = 60_000;

    private final List<ReadTransfer> ended = new ArrayList<>();
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(TransferHandlerTest.class));

    private static ReadTransfer transfer(int window, int timeoutMs, Map<String, String> oack, Limits limits) {
        return new ReadTransfer(CONTENT, 0, CONTENT.length, new Negotiated(512, timeoutMs, window, false, oack),
                limits, System.nanoTime());
    }

    private static ReadTransfer transfer(int window) {
        return transfer(window, NEVER_MS, Map.of(), Limits.defaults());
    }

    private EmbeddedChannel channel(ReadTransfer t) {
        return new EmbeddedChannel(new TransferHandler(t, PHONE, ended::add, log));
    }

    private static void send(EmbeddedChannel ch, InetSocketAddress from, TftpPacket... packets) {
        Object[] datagrams = new Object[packets.length];
        for (int i = 0; i < packets.length; i++) {
            datagrams[i] = Datagrams.of(packets[i], from, LOCAL);
        }
        ch.writeInbound(datagrams);
    }

    private static void ack(EmbeddedChannel ch, int block) {
        send(ch, PHONE, new TftpPacket.Ack(block));
    }

    /** The block numbers of the DATA sent since the last look. */
    private static List<Integer> blocksSent(EmbeddedChannel ch) {
        return Datagrams.allSent(ch, PHONE).stream().map(p -> ((TftpPacket.Data) p).block()).toList();
    }

    /** Waits for the transfer's deadline, then runs the timer the handler armed. */
    private static void timeout(EmbeddedChannel ch, ReadTransfer t) throws InterruptedException {
        long deadline = t.deadlineNanos();
        long giveUp = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < giveUp) {
            Thread.sleep(2);
            ch.runScheduledPendingTasks();
            if (t.deadlineNanos() != deadline) {
                return;
            }
        }
        throw new AssertionError("the timer did not fire");
    }

    @Test
    void theFirstWindowLeavesWhenTheChannelBecomesActive() {
        EmbeddedChannel ch = channel(transfer(2));
        assertEquals(List.of(1, 2), blocksSent(ch));
    }

    @Test
    void anAckAdvancesTheWindowAndTheLastEndsTheTransfer() {
        ReadTransfer t = transfer(2);
        EmbeddedChannel ch = channel(t);
        blocksSent(ch);
        ack(ch, 1);
        assertEquals(List.of(2, 3), blocksSent(ch), "RFC 7440: the window restarts after the acknowledged block");
        ack(ch, 3);
        assertEquals(List.of(), blocksSent(ch));
        assertEquals(ReadTransfer.State.DONE, t.state());
        assertEquals(List.of(t), ended);
        assertFalse(ch.isOpen(), "closed once the read is over");
        assertEquals(1, ended.size(), "the close does not end it twice");
    }

    @Test
    void duplicateStaleAndForeignAcksSendNothing() {
        ReadTransfer t = transfer(1);
        EmbeddedChannel ch = channel(t);
        assertEquals(List.of(1), blocksSent(ch));
        ack(ch, 1);
        assertEquals(List.of(2), blocksSent(ch));
        ack(ch, 1);
        ack(ch, 0);
        ack(ch, 7);
        send(ch, STRANGER, new TftpPacket.Ack(2));
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {0, 4}), LOCAL, PHONE));
        assertEquals(List.of(), blocksSent(ch), "Sorcerer's Apprentice: a duplicate is never answered");
        assertEquals(1, t.lastAckedBlock());
        ack(ch, 2);
        assertEquals(List.of(3), blocksSent(ch));
    }

    @Test
    void aTimeoutResendsTheWindowAfterTheLastAck() throws InterruptedException {
        ReadTransfer t = transfer(2, TIMEOUT_MS, Map.of(), Limits.defaults());
        EmbeddedChannel ch = channel(t);
        assertEquals(List.of(1, 2), blocksSent(ch));
        timeout(ch, t);
        assertEquals(List.of(1, 2), blocksSent(ch));
        ack(ch, 1);
        assertEquals(List.of(2, 3), blocksSent(ch));
        timeout(ch, t);
        assertEquals(List.of(2, 3), blocksSent(ch));
        assertEquals(5, t.retransmissions());
        assertTrue(ch.isOpen());
    }

    @Test
    void whenTheResendsRunOutTheTransferFailsAndTheChannelCloses() throws InterruptedException {
        ReadTransfer t = transfer(1, TIMEOUT_MS, Map.of("blksize", "512"), new Limits(1468, TIMEOUT_MS, 5, 64, 1));
        EmbeddedChannel ch = channel(t);
        assertEquals(List.of(new TftpPacket.OptionAck(Map.of("blksize", "512"))), Datagrams.allSent(ch, PHONE));
        timeout(ch, t);
        assertEquals(List.of(new TftpPacket.OptionAck(Map.of("blksize", "512"))), Datagrams.allSent(ch, PHONE));
        timeout(ch, t);
        assertEquals(List.of(), Datagrams.allSent(ch, PHONE), "no ERROR to a peer that does not answer");
        assertEquals(ReadTransfer.Failure.NO_ANSWER, t.failureReason().orElseThrow());
        assertEquals(List.of(t), ended);
        assertFalse(ch.isOpen());
    }

    @Test
    void anErrorFromTheClientEndsTheTransfer() {
        ReadTransfer t = transfer(1, NEVER_MS, Map.of("blksize", "512"), Limits.defaults());
        EmbeddedChannel ch = channel(t);
        Datagrams.allSent(ch, PHONE);
        send(ch, PHONE, new TftpPacket.Error(ErrorCode.OPTION_REFUSED, "no options"));
        assertEquals(List.of(), Datagrams.allSent(ch, PHONE));
        assertEquals(ReadTransfer.Failure.CLIENT_ERROR, t.failureReason().orElseThrow());
        assertEquals(List.of(t), ended);
        assertFalse(ch.isOpen());
    }

    @Test
    void aDatagramInTheSameReadAfterTheLastAckIsIgnored() {
        ReadTransfer t = transfer(4);
        EmbeddedChannel ch = channel(t);
        blocksSent(ch);
        send(ch, PHONE, new TftpPacket.Ack(3), new TftpPacket.Ack(3), new TftpPacket.Error(ErrorCode.NOT_DEFINED, ""));
        assertEquals(List.of(), blocksSent(ch));
        assertEquals(ReadTransfer.State.DONE, t.state());
        assertEquals(List.of(t), ended);
        assertFalse(ch.isOpen());
    }

    @Test
    void closingTheChannelEndsTheTransferOnceAndStopsItsTimer() throws InterruptedException {
        ReadTransfer t = transfer(1, TIMEOUT_MS, Map.of(), Limits.defaults());
        EmbeddedChannel ch = channel(t);
        ch.close();
        assertEquals(List.of(t), ended);
        assertEquals(ReadTransfer.State.RUNNING, t.state(), "abandoned, as the event says");
        int resent = t.retransmissions();
        Thread.sleep(3 * TIMEOUT_MS);
        ch.runScheduledPendingTasks();
        assertEquals(resent, t.retransmissions(), "the timer is cancelled: no resend after the close");
        assertEquals(1, ended.size());
    }

    @Test
    void anUnreachablePortLeavesTheTransferToItsTimeout() {
        ReadTransfer t = transfer(1);
        EmbeddedChannel ch = channel(t);
        ch.pipeline().fireExceptionCaught(new PortUnreachableException("ICMP"));
        ch.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
        ch.checkException();
        assertTrue(ch.isOpen());
        assertEquals(ReadTransfer.State.RUNNING, t.state());
        assertTrue(ended.isEmpty());
    }
}
