package org.phoneprov.tftpd.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.LIMITS;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.assertData;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.blocks;
import static org.phoneprov.tftpd.transfer.TransferTestSupport.options;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.ReadTransfer.State;

/** Files over 32 MiB at 512-byte blocks: block numbers wrap from 65535 to 0 on the wire. */
class ReadTransferRolloverTest {

    private static final int BLOCKS = 70_000;
    private static final int LENGTH = BLOCKS * 512 + 100; // ~34 MiB, last block 100 bytes
    private static byte[] content;

    @BeforeAll
    static void allocate() {
        content = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i += 512) {
            content[i] = (byte) (i / 512);
        }
    }

    @Test
    void lockstepWalksPastBlock65535() {
        ReadTransfer t = new ReadTransfer(content, 0, LENGTH, options(512, 1), LIMITS, 0);
        assertEquals(BLOCKS + 1, t.blocksTotal());
        List<TftpPacket> out = t.start(0);
        long abs = 1;
        while (!out.isEmpty()) {
            assertEquals(1, out.size());
            assertData(out.get(0), content, 0, LENGTH, 512, abs);
            TftpPacket.Data d = (TftpPacket.Data) out.get(0);
            if (abs == 65535 || abs == 65536 || abs == 65537) {
                assertEquals((int) (abs % 65536), d.block());
                assertEquals((byte) (abs - 1), content[d.offset()]);
            }
            out = t.onAck(d.block(), 0);
            abs++;
        }
        assertEquals(BLOCKS + 2, abs);
        assertEquals(State.DONE, t.state());
        assertEquals(LENGTH, t.bytesSent());
        assertEquals(0, t.retransmissions());
    }

    @Test
    void windowRestartAndDuplicatesAcrossTheWrap() {
        ReadTransfer t = new ReadTransfer(content, 0, LENGTH, options(512, 16), LIMITS, 0);
        t.start(0);
        long acked = 0;
        while (acked + 16 < 65530) { // advance in full windows up to just before the wrap
            acked += 16;
            t.onAck((int) (acked & 0xFFFF), 0);
        }
        assertEquals(65520, acked);
        // window 65521..65536: the last one goes out as wire block 0
        assertEquals(65520, t.lastAckedBlock());

        // the client lost 65536 (wire 0) and acks 65535: restart at wire 0
        List<TftpPacket> out = t.onAck(65535, 0);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), blocks(out));
        assertData(out.get(0), content, 0, LENGTH, 512, 65536);
        assertData(out.get(15), content, 0, LENGTH, 512, 65551);

        assertEquals(List.of(), t.onAck(65535, 0), "duplicate just before the wrap");
        assertEquals(List.of(), t.onAck(65520, 0), "old ACK before the wrap");

        // ACK of wire 0 means absolute 65536, inside the window
        out = t.onAck(0, 0);
        assertEquals(65536, t.lastAckedBlock());
        assertEquals(1, blocks(out).get(0));
        assertData(out.get(0), content, 0, LENGTH, 512, 65537);

        assertEquals(List.of(), t.onAck(0, 0), "duplicate of wire 0");

        // a timeout resends from the last acknowledged block, across the wrap too
        out = t.onTimeout(t.deadlineNanos());
        assertEquals(65537, 65536 + blocks(out).get(0));
        assertEquals(16, out.size());

        // finish with window-end ACKs
        long last = 65536 + 16;
        while (t.state() == State.RUNNING) {
            t.onAck((int) (last & 0xFFFF), 0);
            last = Math.min(last + 16, t.blocksTotal());
        }
        assertEquals(State.DONE, t.state());
        assertEquals((long) BLOCKS + 1, t.lastAckedBlock());
        assertEquals(LENGTH, t.bytesSent());
    }
}
