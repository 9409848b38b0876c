package org.phoneprov.phonesim.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket shared by every simulated phone, and the thread that reads it: each
 * BOOTREPLY goes to the phone waiting for its xid (RFC 2131 4.1: the xid is how a client
 * matches replies to requests). Only the op byte and the xid are read here; the phone
 * parses the rest. Replies nobody waits for are dropped and counted.
 */
final class DhcpReplyRouter implements AutoCloseable {
    /** op, htype, hlen, hops, xid, ... file: the fixed BOOTP part before the options (RFC 2131 2). */
    static final int BOOTP_FIXED = 236;
    static final int BOOTREQUEST = 1;
    static final int BOOTREPLY = 2;
    /** Larger than any DHCP message on an Ethernet (RFC 2131 2: at least 576 accepted; we take all). */
    private static final int MAX_MESSAGE = 65535;
    /** How often the receiver looks whether it was closed, when the socket is quiet. */
    private static final int POLL_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(DhcpReplyRouter.class);

    private final DatagramSocket socket;
    private final UnaryOperator<byte[]> toPhone;
    private final Map<Integer, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong unclaimed = new AtomicLong();
    private final Thread receiver;
    private volatile boolean closed;

    /** @param toPhone what a relay does to a reply before the phone sees it; identity for broadcast */
    DhcpReplyRouter(DatagramSocket socket, String threadName, UnaryOperator<byte[]> toPhone) throws SocketException {
        socket.setSoTimeout(POLL_MILLIS);
        this.socket = socket;
        this.toPhone = toPhone;
        this.receiver = new Thread(this::receiveLoop, threadName);
        receiver.setDaemon(true);
        receiver.start();
    }

    static int xid(byte[] message) {
        return ((message[4] & 0xFF) << 24) | ((message[5] & 0xFF) << 16) | ((message[6] & 0xFF) << 8)
                | (message[7] & 0xFF);
    }

    /** Sends {@code out} and waits for the first BOOTREPLY with {@code xid}; empty on timeout or trouble. */
    Optional<byte[]> exchange(DatagramPacket out, int xid, Duration timeout) {
        if (closed) {
            return Optional.empty();
        }
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        // Waiting before sending: a fast server may answer before send() returns.
        if (waiting.putIfAbsent(xid, reply) != null) {
            log.warn("phonesim.dhcp.xid_busy xid={} reason=another exchange waits for the same xid",
                    Integer.toHexString(xid));
            return Optional.empty();
        }
        try {
            socket.send(out);
            return Optional.of(reply.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
        } catch (IOException e) {
            log.debug("phonesim.dhcp.send_failed to={} reason={}", out.getSocketAddress(), e.toString());
            return Optional.empty();
        } catch (TimeoutException | CancellationException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            waiting.remove(xid, reply);
        }
    }

    /** BOOTREPLYs that arrived for an xid no phone was waiting for. */
    long unclaimed() {
        return unclaimed.get();
    }

    private void receiveLoop() {
        byte[] buf = new byte[MAX_MESSAGE];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            p.setLength(buf.length);
            try {
                socket.receive(p);
            } catch (java.net.SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (closed || socket.isClosed()) {
                    return;
                }
                log.debug("phonesim.dhcp.receive_failed reason={}", e.toString());
                continue;
            }
            if (p.getLength() < BOOTP_FIXED || buf[0] != BOOTREPLY) {
                unclaimed.incrementAndGet(); // our own broadcast coming back, or not DHCP at all
                continue;
            }
            CompletableFuture<byte[]> w = waiting.get(xid(buf));
            if (w == null) {
                unclaimed.incrementAndGet();
                continue;
            }
            try {
                w.complete(toPhone.apply(Arrays.copyOf(buf, p.getLength())));
            } catch (RuntimeException e) {
                log.debug("phonesim.dhcp.reply_dropped reason={}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        waiting.values().forEach(w -> w.cancel(false));
        try {
            receiver.join(2 * POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
