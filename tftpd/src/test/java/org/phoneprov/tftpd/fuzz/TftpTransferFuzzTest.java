package org.phoneprov.tftpd.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phoneprov.tftpd.codec.TftpDecoder;
import org.phoneprov.tftpd.codec.TftpEncoder;
import org.phoneprov.tftpd.codec.TftpParseException;
import org.phoneprov.tftpd.packet.Opcode;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.Limits;
import org.phoneprov.tftpd.transfer.Negotiated;
import org.phoneprov.tftpd.transfer.Netascii;
import org.phoneprov.tftpd.transfer.OptionNegotiator;
import org.phoneprov.tftpd.transfer.ReadTransfer;

/**
 * A read request and what the client sends afterwards, as the server's request and
 * transfer handlers see them: the RRQ's options are negotiated (RFC 2347/2348/2349/7440)
 * within the limits, and the transfer state machine is driven by the client's later
 * datagrams (ACKs, ERRORs, garbage) and by timeouts, never throwing, never sending a
 * block larger than negotiated or a block the file does not have, and every packet it
 * sends encodes.
 *
 * <p>Input: two bytes of file length (0..4999), then datagrams, each one length byte and
 * that many bytes; the first is the RRQ. A length byte of 0 is a timeout instead.
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/tftpd/fuzz/TftpTransferFuzzTestInputs/transfer/}.
 * Fuzzing: {@code fuzz/run.sh 10 tftp-transfer}.
 */
class TftpTransferFuzzTest {
    private static final Limits LAN = Limits.defaults();
    private static final Limits WIDE = new Limits(Limits.MAX_BLKSIZE, 1000, 3, Limits.MAX_WINDOWSIZE, 2);
    private static final long MS = 1_000_000L;

    @FuzzTest(maxDuration = "10m")
    void transfer(byte[] input) {
        if (input.length < 3) {
            return;
        }
        int fileLength = ((input[0] & 0xff) << 8 | (input[1] & 0xff)) % 5000;
        int pos = 2;
        int len = input[pos++] & 0xff;
        byte[] first = Arrays.copyOfRange(input, pos, Math.min(input.length, pos + len));
        pos += first.length;
        TftpPacket.Request rrq;
        try {
            TftpPacket p = TftpDecoder.decode(Unpooled.wrappedBuffer(first));
            if (!(p instanceof TftpPacket.Request r) || !r.opcode().equals(Opcode.RRQ)) {
                return;
            }
            rrq = r;
        } catch (TftpParseException e) {
            return; // the decoder target's business
        }
        byte[] content = new byte[fileLength];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i % 7 == 6 ? '\n' : i % 13 == 12 ? '\r' : 'a' + i % 26);
        }
        if (rrq.mode().equalsIgnoreCase("netascii")) {
            long expected = Netascii.encodedLength(content);
            content = Netascii.encode(content);
            assertEquals(expected, content.length);
        }
        // The negotiation alone, under both limits; then one transfer under the LAN limits.
        negotiate(rrq.options(), content.length, WIDE);
        negotiate(rrq.options(), -1, LAN);
        Negotiated n = negotiate(rrq.options(), content.length, LAN);
        run(input, pos, content, n);
    }

    private static Negotiated negotiate(Map<String, String> options, long fileLength, Limits limits) {
        Negotiated n = OptionNegotiator.negotiate(options, fileLength, limits);
        assertNotNull(n);
        assertTrue(n.blksize() >= Limits.MIN_BLKSIZE && n.blksize() <= limits.maxBlksize(), "blksize " + n.blksize());
        assertTrue(n.windowsize() >= 1 && n.windowsize() <= limits.maxWindow(), "windowsize " + n.windowsize());
        assertTrue(n.timeoutMillis() >= 1 && n.timeoutMillis() <= 255_000, "timeout " + n.timeoutMillis());
        for (Map.Entry<String, String> e : n.oack().entrySet()) {
            assertTrue(options.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(e.getKey())),
                    "OACK names an option the client did not ask for: " + e.getKey());
            assertTrue(List.of(OptionNegotiator.BLKSIZE, OptionNegotiator.TIMEOUT, OptionNegotiator.TSIZE,
                    OptionNegotiator.WINDOWSIZE).contains(e.getKey()), e.getKey());
            assertTrue(e.getValue().chars().allMatch(c -> c >= '0' && c <= '9') && !e.getValue().isEmpty(),
                    "OACK value " + e.getValue());
        }
        if (n.oack().containsKey(OptionNegotiator.TSIZE)) {
            assertEquals(Long.toString(fileLength), n.oack().get(OptionNegotiator.TSIZE));
        }
        return n;
    }

    private static void run(byte[] input, int pos, byte[] content, Negotiated n) {
        long now = 1_000 * MS;
        ReadTransfer t = new ReadTransfer(content, 0, content.length, n, LAN, now);
        assertEquals(content.length / n.blksize() + 1, t.blocksTotal());
        List<TftpPacket> first = t.start(now);
        assertFalse(first.isEmpty(), "a transfer starts by sending something");
        sent(first, t, content, n);
        while (pos < input.length && t.state() == ReadTransfer.State.RUNNING) {
            int len = input[pos++] & 0xff;
            now += MS;
            if (len == 0) {
                now = Math.max(now, t.deadlineNanos());
                sent(t.onTimeout(now), t, content, n);
                continue;
            }
            byte[] datagram = Arrays.copyOfRange(input, pos, Math.min(input.length, pos + len));
            pos += datagram.length;
            TftpPacket packet;
            try {
                packet = TftpDecoder.decode(Unpooled.wrappedBuffer(datagram));
            } catch (TftpParseException e) {
                continue; // as the transfer handler: a garbled datagram waits for the timeout
            }
            if (packet instanceof TftpPacket.Ack ack) {
                sent(t.onAck(ack.block(), now), t, content, n);
            } else if (packet instanceof TftpPacket.Error error) {
                t.onError(error.code(), error.message());
                assertEquals(ReadTransfer.State.FAILED, t.state());
                assertEquals(ReadTransfer.Failure.CLIENT_ERROR, t.failureReason().orElseThrow());
            }
        }
        assertTrue(t.bytesSent() <= content.length, "sent " + t.bytesSent() + " of " + content.length);
        assertTrue(t.lastAckedBlock() <= t.blocksTotal());
        if (t.state() == ReadTransfer.State.DONE) {
            assertEquals(t.blocksTotal(), t.lastAckedBlock(), "done only when the last block is acknowledged");
            assertEquals(content.length, t.bytesSent());
        }
        if (t.state() == ReadTransfer.State.FAILED) {
            assertTrue(t.failure().isPresent() && t.failureReason().isPresent());
        }
    }

    /** Every packet the state machine hands out is one the file and the negotiation allow, and encodes. */
    private static void sent(List<TftpPacket> packets, ReadTransfer t, byte[] content, Negotiated n) {
        assertTrue(packets.size() <= Math.max(1, n.windowsize()), packets.size() + " packets for window " + n.windowsize());
        for (TftpPacket p : packets) {
            if (p instanceof TftpPacket.Data d) {
                assertTrue(d.length() <= n.blksize(), "block of " + d.length() + " bytes, blksize " + n.blksize());
                assertTrue(d.offset() >= 0 && d.offset() + d.length() <= content.length);
                assertTrue(d.block() >= 0 && d.block() <= 0xffff);
            } else {
                TftpPacket.OptionAck o = assertInstanceOf(TftpPacket.OptionAck.class, p);
                assertEquals(n.oack(), o.options());
            }
            ByteBuf b = TftpEncoder.encode(p, UnpooledByteBufAllocator.DEFAULT);
            b.release();
        }
    }
}
