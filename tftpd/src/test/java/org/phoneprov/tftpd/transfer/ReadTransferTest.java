package org.phoneprov.tftpd.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.LIMITS;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.MS;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.assertData;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.blocks;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.content;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.options;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.ReadTransfer.Failure;
import org.phoneprov.tftpd.transfer.ReadTransfer.State;

class ReadTransferTest {

    private long now = 5_000 * MS; // any origin: only differences matter

    @Test
    void lockstepHappyPath() {
        byte[] c = content(1300);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 1), LIMITS, now);
        assertEquals(3, t.blocksTotal());

        List<TftpPacket> out = t.start(now);
        assertEquals(1, out.size());
        assertData(out.get(0), c, 0, c.length, 512, 1);
        assertEquals(now + 1000 * MS, t.deadlineNanos());

        now += 10 * MS;
        out = t.onAck(1, now);
        assertEquals(1, out.size());
        assertData(out.get(0), c, 0, c.length, 512, 2);
        assertEquals(now + 1000 * MS, t.deadlineNanos());

        out = t.onAck(2, now);
        assertData(out.get(0), c, 0, c.length, 512, 3);
        assertEquals(276, ((TftpPacket.Data) out.get(0)).length());

        assertEquals(List.of(), t.onAck(3, now));
        assertEquals(State.DONE, t.state());
        assertEquals(Optional.empty(), t.failure());
        assertEquals(1300, t.bytesSent());
        assertEquals(0, t.retransmissions());
        assertEquals(Long.MAX_VALUE, t.deadlineNanos());
        assertEquals(List.of(), t.onAck(3, now), "events after DONE are ignored");
        assertEquals(List.of(), t.onTimeout(now + 10_000 * MS));
    }

    @Test
    void servesASliceOfASharedArray() {
        byte[] c = content(2000);
        ReadTransfer t = new ReadTransfer(c, 100, 700, options(512, 1), LIMITS, now);
        assertData(t.start(now).get(0), c, 100, 700, 512, 1);
        assertData(t.onAck(1, now).get(0), c, 100, 700, 512, 2);
        assertEquals(List.of(), t.onAck(2, now));
        assertEquals(State.DONE, t.state());
        assertThrows(IndexOutOfBoundsException.class,
                () -> new ReadTransfer(c, 1500, 600, options(512, 1), LIMITS, now));
    }

    @Test
    void exactMultipleOfBlksizeEndsWithAnEmptyBlock() {
        byte[] c = content(1024);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 1), LIMITS, now);
        assertEquals(3, t.blocksTotal());
        t.start(now);
        t.onAck(1, now);
        List<TftpPacket> out = t.onAck(2, now);
        assertData(out.get(0), c, 0, c.length, 512, 3);
        assertEquals(0, ((TftpPacket.Data) out.get(0)).length());
        assertEquals(State.RUNNING, t.state(), "not done before the empty block is acknowledged");
        t.onAck(3, now);
        assertEquals(State.DONE, t.state());
        assertEquals(1024, t.bytesSent());
    }

    @Test
    void emptyFileIsOneEmptyBlock() {
        ReadTransfer t = new ReadTransfer(new byte[0], 0, 0, options(512, 4), LIMITS, now);
        assertEquals(1, t.blocksTotal());
        List<TftpPacket> out = t.start(now);
        assertEquals(List.of(1), blocks(out));
        assertEquals(0, ((TftpPacket.Data) out.get(0)).length());
        t.onAck(1, now);
        assertEquals(State.DONE, t.state());
        assertEquals(0, t.bytesSent());
    }

    @Test
    void windowedHappyPath() {
        byte[] c = content(512 * 9 + 10); // 10 blocks
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 4), LIMITS, now);
        List<TftpPacket> out = t.start(now);
        assertEquals(List.of(1, 2, 3, 4), blocks(out));
        for (int i = 0; i < 4; i++) {
            assertData(out.get(i), c, 0, c.length, 512, i + 1);
        }
        assertEquals(List.of(5, 6, 7, 8), blocks(t.onAck(4, now)));
        out = t.onAck(8, now);
        assertEquals(List.of(9, 10), blocks(out), "the last window is short");
        assertData(out.get(1), c, 0, c.length, 512, 10);
        assertEquals(List.of(), t.onAck(10, now));
        assertEquals(State.DONE, t.state());
        assertEquals(c.length, t.bytesSent());
        assertEquals(0, t.retransmissions());
    }

    @Test
    void ackInsideTheWindowRestartsItAfterTheAckedBlock() {
        byte[] c = content(512 * 20);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 4), LIMITS, now);
        t.start(now);                                   // 1..4
        assertEquals(List.of(3, 4, 5, 6), blocks(t.onAck(2, now)), "3 was lost: restart at 3");
        assertEquals(2, t.retransmissions(), "3 and 4 went out again");
        assertEquals(2, t.lastAckedBlock());
        assertEquals(512L * 6, t.bytesSent());
        assertEquals(List.of(7, 8, 9, 10), blocks(t.onAck(6, now)));
        assertEquals(List.of(), t.onAck(2, now), "old ACK");
        assertEquals(List.of(), t.onAck(11, now), "ACK beyond what was sent");
        assertEquals(List.of(), t.onAck(60000, now), "ACK far away");
        assertEquals(6, t.lastAckedBlock());
    }

    @Test
    void duplicateAcksNeverTriggerRetransmission() {
        byte[] c = content(512 * 10);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 1), LIMITS, now);
        int sent = t.start(now).size();
        for (int block = 1; block <= 5; block++) {
            sent += t.onAck(block, now).size();
            for (int dup = 0; dup < 3; dup++) {
                sent += t.onAck(block, now).size();
                sent += t.onAck(block - 1, now).size();
            }
        }
        assertEquals(6, sent, "one DATA per distinct ACK, nothing for duplicates");
        assertEquals(0, t.retransmissions());
        assertEquals(5, t.lastAckedBlock());
    }

    @Test
    void duplicateAcksInAWindowNeverTriggerRetransmission() {
        byte[] c = content(512 * 40);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 8), LIMITS, now);
        t.start(now);
        assertEquals(8, t.onAck(8, now).size());
        for (int i = 0; i < 10; i++) {
            assertEquals(List.of(), t.onAck(8, now));
            assertEquals(List.of(), t.onAck(0, now));
        }
        assertEquals(0, t.retransmissions());
    }

    @Test
    void timeoutRetransmitsWithBackoffThenFails() {
        byte[] c = content(512 * 10);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 2), LIMITS, now);
        t.start(now);
        assertEquals(List.of(3, 4), blocks(t.onAck(2, now)));
        long start = now;

        assertEquals(List.of(), t.onTimeout(start + 999 * MS), "before the deadline");
        long[] expectedTimeouts = {2000, 4000, 8000, 8000, 8000};
        long at = start + 1000 * MS;
        for (long timeout : expectedTimeouts) {
            assertEquals(at, t.deadlineNanos());
            assertEquals(List.of(3, 4), blocks(t.onTimeout(at)), "resend from the last acknowledged block");
            at += timeout * MS;
        }
        assertEquals(10, t.retransmissions());
        assertEquals(State.RUNNING, t.state());

        assertEquals(List.of(), t.onTimeout(at), "retries used up: fail silently");
        assertEquals(State.FAILED, t.state());
        assertEquals(Optional.of(Failure.TIMEOUT), t.failureReason());
        assertTrue(t.failure().orElseThrow().contains("block 2 of 11"), t.failure().orElseThrow());
        assertEquals(List.of(), t.onAck(4, at), "late ACK after failure");
    }

    @Test
    void progressResetsRetriesAndBackoff() {
        byte[] c = content(512 * 10);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 1), LIMITS, now);
        t.start(now);
        t.onAck(1, now);
        now += 1000 * MS;
        t.onTimeout(now);
        now += 2000 * MS;
        t.onTimeout(now);
        now += 4000 * MS;
        assertEquals(List.of(3), blocks(t.onAck(2, now)));
        assertEquals(now + 1000 * MS, t.deadlineNanos(), "timeout back to the negotiated value");
        for (int i = 0; i < 5; i++) {
            now = t.deadlineNanos();
            assertEquals(List.of(3), blocks(t.onTimeout(now)));
        }
        assertEquals(State.RUNNING, t.state(), "the retry count restarted at the ACK");
        assertEquals(List.of(), t.onTimeout(t.deadlineNanos()));
        assertEquals(State.FAILED, t.state());
    }

    @Test
    void amplificationGuardStopsResendingTheFirstBlockToASilentPeer() {
        byte[] c = content(5000);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 1), LIMITS, now);
        int packets = t.start(now).size();
        for (int i = 0; i < 10 && t.state() == State.RUNNING; i++) {
            packets += t.onTimeout(t.deadlineNanos()).size();
        }
        assertEquals(1 + 3, packets, "block 1 resent maxFirstBlockResends times, not maxRetries");
        assertEquals(State.FAILED, t.state());
        assertEquals(Optional.of(Failure.NO_ANSWER), t.failureReason());
        assertEquals(0, t.lastAckedBlock());
    }

    @Test
    void amplificationGuardCoversTheOack() {
        byte[] c = content(5000);
        Negotiated n = OptionNegotiator.negotiate(Map.of("blksize", "1024", "windowsize", "64"), c.length, LIMITS);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, n, LIMITS, now);
        int packets = t.start(now).size();
        for (int i = 0; i < 10 && t.state() == State.RUNNING; i++) {
            List<TftpPacket> out = t.onTimeout(t.deadlineNanos());
            out.forEach(p -> assertInstanceOf(TftpPacket.OptionAck.class, p));
            packets += out.size();
        }
        assertEquals(4, packets);
        assertEquals(3, t.retransmissions());
        assertEquals(Optional.of(Failure.NO_ANSWER), t.failureReason());
        assertTrue(t.failure().orElseThrow().contains("OACK"));
    }

    @Test
    void oackFlow() {
        byte[] c = content(3000);
        Negotiated n = OptionNegotiator.negotiate(
                Map.of("tsize", "0", "blksize", "1024", "windowsize", "2"), c.length, LIMITS);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, n, LIMITS, now);

        List<TftpPacket> out = t.start(now);
        TftpPacket.OptionAck oack = assertInstanceOf(TftpPacket.OptionAck.class, out.get(0));
        assertEquals(1, out.size());
        assertEquals(Map.of("tsize", "3000", "blksize", "1024", "windowsize", "2"), oack.options());

        assertEquals(List.of(), t.onAck(1, now), "only ACK 0 answers an OACK");
        out = t.onAck(0, now);
        assertEquals(List.of(1, 2), blocks(out));
        assertData(out.get(1), c, 0, c.length, 1024, 2);
        assertEquals(List.of(), t.onAck(0, now), "duplicate ACK 0");
        assertEquals(List.of(3), blocks(t.onAck(2, now)));
        t.onAck(3, now);
        assertEquals(State.DONE, t.state());
        assertEquals(3000, t.bytesSent());
    }

    @Test
    void oackIsResentOnTimeoutAndAnsweredLate() {
        byte[] c = content(100);
        Negotiated n = OptionNegotiator.negotiate(Map.of("tsize", "0"), c.length, LIMITS);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, n, LIMITS, now);
        t.start(now);
        List<TftpPacket> out = t.onTimeout(t.deadlineNanos());
        assertInstanceOf(TftpPacket.OptionAck.class, out.get(0));
        assertEquals(List.of(1), blocks(t.onAck(0, now)));
        assertEquals(now + 1000 * MS, t.deadlineNanos());
    }

    @Test
    void clientRefusingTheOackFailsTheTransfer() {
        byte[] c = content(100);
        Negotiated n = OptionNegotiator.negotiate(Map.of("blksize", "1024"), c.length, LIMITS);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, n, LIMITS, now);
        t.start(now);
        t.onError(ErrorCode.OPTION_REFUSED);
        assertEquals(State.FAILED, t.state());
        assertEquals(Optional.of(Failure.CLIENT_ERROR), t.failureReason());
        assertTrue(t.failure().orElseThrow().contains("ERROR 8"));
        assertEquals(List.of(), t.onAck(0, now));
        assertEquals(Long.MAX_VALUE, t.deadlineNanos());
    }

    @Test
    void clientErrorMidTransferKeepsItsMessage() {
        byte[] c = content(2000);
        ReadTransfer t = new ReadTransfer(c, 0, c.length, options(512, 1), LIMITS, now);
        t.start(now);
        t.onError(ErrorCode.DISK_FULL, "flash full");
        assertEquals(Optional.of("client sent ERROR 3: flash full"), t.failure());
        t.onError(ErrorCode.NOT_DEFINED, "second");
        assertEquals(Optional.of("client sent ERROR 3: flash full"), t.failure(), "first failure kept");
    }

    @Test
    void eventsBeforeStartAreRejected() {
        ReadTransfer t = new ReadTransfer(new byte[1], 0, 1, options(512, 1), LIMITS, now);
        assertThrows(IllegalStateException.class, () -> t.onAck(1, now));
        assertThrows(IllegalStateException.class, () -> t.onTimeout(now));
        t.start(now);
        assertThrows(IllegalStateException.class, () -> t.start(now));
    }
}
