package org.phoneprov.tftpd.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.TftpPacket;

/**
 * The server side of one read transfer (RFC 1350, 2347, 7440) as a state machine: no sockets,
 * no threads, time passed in as {@code System.nanoTime()}-style values. Each event returns the
 * packets to send, in order; an empty list means "send nothing".
 *
 * <p>Blocks are counted absolutely (1..{@link #blocksTotal()}) and written to the wire modulo
 * 65536, so block 65536 goes out as 0. An ACK is mapped back to the absolute block through the
 * current window: only a block in (last acknowledged, last sent] is progress. Anything else,
 * duplicates included, is ignored and never answered (Sorcerer's Apprentice, RFC 1350); lost
 * packets are only ever resent on {@link #onTimeout}.
 *
 * <p>Not thread-safe: one transfer is driven by one event loop.
 */
public final class ReadTransfer {

    public enum State { RUNNING, DONE, FAILED }

    public enum Failure {
        /** the client stopped acknowledging after it had acknowledged something */
        TIMEOUT,
        /** the peer never acknowledged anything: possibly a spoofed source, so we stop early */
        NO_ANSWER,
        /** the client sent an ERROR packet */
        CLIENT_ERROR
    }

    /** The retransmission timeout doubles on each timeout, up to this factor of the base. */
    public static final int MAX_BACKOFF_FACTOR = 8;

    private enum Phase { NOT_STARTED, AWAITING_OACK_ACK, SENDING_DATA }

    private final byte[] content;
    private final int offset;
    private final int length;
    private final int blksize;
    private final int windowsize;
    private final TftpPacket.OptionAck oack;
    private final long baseTimeoutNanos;
    private final long maxTimeoutNanos;
    private final Limits limits;
    private final int blocksTotal;

    private Phase phase = Phase.NOT_STARTED;
    private State state = State.RUNNING;
    private Failure failure;
    private String failureMessage;
    private boolean peerAnswered;
    private long acked;        // last acknowledged absolute block, 0 = none
    private long windowEnd;    // last absolute block sent in the current window
    private long highestSent;  // highest absolute block ever sent
    private long timeoutNanos;
    private long deadline;
    private int retries;       // consecutive timeouts since the last progress
    private int retransmissions;
    private long bytesSent;

    /**
     * @param content the served bytes are {@code content[offset, offset + length)}; shared and
     *                never written
     */
    public ReadTransfer(byte[] content, int offset, int length, Negotiated n, Limits limits, long nowNanos) {
        Objects.checkFromIndexSize(offset, length, content.length);
        this.content = content;
        this.offset = offset;
        this.length = length;
        this.blksize = n.blksize();
        this.windowsize = n.windowsize();
        this.oack = n.oack().isEmpty() ? null : new TftpPacket.OptionAck(n.oack());
        this.limits = Objects.requireNonNull(limits);
        this.baseTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(n.timeoutMillis());
        this.maxTimeoutNanos = baseTimeoutNanos * MAX_BACKOFF_FACTOR;
        this.blocksTotal = length / blksize + 1; // a short (possibly empty) block always ends it
        this.timeoutNanos = baseTimeoutNanos;
        this.deadline = nowNanos + baseTimeoutNanos;
    }

    /** The OACK when options were acknowledged (then ACK 0 is awaited), else the first window. */
    public List<TftpPacket> start(long now) {
        if (phase != Phase.NOT_STARTED) {
            throw new IllegalStateException("transfer already started");
        }
        if (oack != null) {
            phase = Phase.AWAITING_OACK_ACK;
            deadline = now + timeoutNanos;
            return List.of(oack);
        }
        phase = Phase.SENDING_DATA;
        return sendWindow(1, now);
    }

    /** An ACK from the client, {@code block16} as on the wire (0..65535). */
    public List<TftpPacket> onAck(int block16, long now) {
        requireStarted();
        if (state != State.RUNNING) {
            return List.of();
        }
        int wire = block16 & 0xFFFF;
        if (phase == Phase.AWAITING_OACK_ACK) {
            if (wire != 0) {
                return List.of();
            }
            phase = Phase.SENDING_DATA;
            progress(0);
            return sendWindow(1, now);
        }
        long delta = (wire - (acked & 0xFFFF)) & 0xFFFF;
        if (delta == 0 || delta > windowEnd - acked) {
            return List.of(); // duplicate or stale: never answered
        }
        long block = acked + delta;
        progress(block);
        if (block == blocksTotal) {
            state = State.DONE;
            return List.of();
        }
        // RFC 7440: the client acknowledged the last block it got in order; the window
        // restarts right after it (a full window, even if part of it was already sent).
        return sendWindow(block + 1, now);
    }

    /**
     * Called when the clock reaches {@link #deadlineNanos()} (earlier calls return nothing).
     * Resends the OACK or the window after the last acknowledged block, doubling the timeout.
     * When the retries are used up the transfer fails silently: no ERROR is sent, since a peer
     * that does not answer will not read it either (RFC 1350 allows ending on a timeout).
     */
    public List<TftpPacket> onTimeout(long now) {
        requireStarted();
        if (state != State.RUNNING || now - deadline < 0) {
            return List.of();
        }
        int limit = peerAnswered ? limits.maxRetries()
                : Math.min(limits.maxRetries(), limits.maxFirstBlockResends());
        if (retries >= limit) {
            if (peerAnswered) {
                fail(Failure.TIMEOUT, "no ACK after " + retries + " retransmissions; block "
                        + acked + " of " + blocksTotal + " acknowledged");
            } else {
                fail(Failure.NO_ANSWER, "peer acknowledged nothing after " + retries + " resends of the "
                        + (phase == Phase.AWAITING_OACK_ACK ? "OACK" : "first block"));
            }
            return List.of();
        }
        retries++;
        timeoutNanos = Math.min(timeoutNanos * 2, maxTimeoutNanos);
        if (phase == Phase.AWAITING_OACK_ACK) {
            retransmissions++;
            deadline = now + timeoutNanos;
            return List.of(oack);
        }
        return sendWindow(acked + 1, now);
    }

    /** The client sent ERROR (e.g. 8 to refuse the OACK): the transfer ends, nothing is sent. */
    public void onError(ErrorCode code) {
        onError(code, "");
    }

    public void onError(ErrorCode code, String message) {
        if (state == State.RUNNING) {
            fail(Failure.CLIENT_ERROR, "client sent ERROR " + code.code()
                    + (message == null || message.isEmpty() ? "" : ": " + message));
        }
    }

    /** When {@link #onTimeout} has work to do; {@code Long.MAX_VALUE} once DONE or FAILED. */
    public long deadlineNanos() {
        return state == State.RUNNING ? deadline : Long.MAX_VALUE;
    }

    public State state() {
        return state;
    }

    public Optional<Failure> failureReason() {
        return Optional.ofNullable(failure);
    }

    /** A sentence for the log and the event record, present when FAILED. */
    public Optional<String> failure() {
        return Optional.ofNullable(failureMessage);
    }

    /** Payload bytes sent for the first time (retransmissions not counted). */
    public long bytesSent() {
        return bytesSent;
    }

    /** Packets (DATA or OACK) sent again, after a timeout or a window restart. */
    public int retransmissions() {
        return retransmissions;
    }

    /** DATA blocks in the whole transfer, the final short or empty one included. */
    public int blocksTotal() {
        return blocksTotal;
    }

    /** The last block the client acknowledged, counted absolutely (no 16-bit wrap). */
    public long lastAckedBlock() {
        return acked;
    }

    private List<TftpPacket> sendWindow(long from, long now) {
        long last = Math.min(from + windowsize - 1, blocksTotal);
        List<TftpPacket> out = new ArrayList<>((int) (last - from + 1));
        for (long block = from; block <= last; block++) {
            TftpPacket.Data data = data(block);
            out.add(data);
            if (block > highestSent) {
                highestSent = block;
                bytesSent += data.length();
            } else {
                retransmissions++;
            }
        }
        windowEnd = last;
        deadline = now + timeoutNanos;
        return out;
    }

    private TftpPacket.Data data(long block) {
        long start = (block - 1) * blksize;
        int len = (int) Math.min(blksize, length - start);
        return new TftpPacket.Data((int) (block & 0xFFFF), content, offset + (int) start, len);
    }

    private void progress(long block) {
        acked = block;
        peerAnswered = true;
        retries = 0;
        timeoutNanos = baseTimeoutNanos;
    }

    private void fail(Failure reason, String message) {
        state = State.FAILED;
        failure = reason;
        failureMessage = message;
    }

    private void requireStarted() {
        if (phase == Phase.NOT_STARTED) {
            throw new IllegalStateException("transfer not started");
        }
    }
}
