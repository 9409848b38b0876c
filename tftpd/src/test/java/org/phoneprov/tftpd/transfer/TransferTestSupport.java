package org.phoneprov.tftpd.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.phoneprov.tftpd.packet.TftpPacket;

/** Helpers shared by the transfer tests: a content pattern, a fake clock, packet checks. */
final class TransferTestSupport {

    static final Limits LIMITS = new Limits(65464, 1000, 5, 64, 3);
    static final long MS = 1_000_000L;

    private TransferTestSupport() {
    }

    static byte[] content(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + (i >>> 9));
        }
        return b;
    }

    static Negotiated options(int blksize, int windowsize) {
        return new Negotiated(blksize, 1000, windowsize, false, Map.of());
    }

    /** The wire block numbers of a list that holds only DATA. */
    static List<Integer> blocks(List<TftpPacket> packets) {
        return packets.stream().map(p -> assertInstanceOf(TftpPacket.Data.class, p).block()).toList();
    }

    /** Checks that DATA for absolute block {@code abs} points at the right slice of {@code content}. */
    static void assertData(TftpPacket packet, byte[] content, int offset, int length, int blksize, long abs) {
        TftpPacket.Data d = assertInstanceOf(TftpPacket.Data.class, packet);
        assertEquals((int) (abs & 0xFFFF), d.block(), "wire block of " + abs);
        assertSame(content, d.data(), "no copy");
        long start = (abs - 1) * blksize;
        assertEquals(offset + start, d.offset(), "offset of " + abs);
        assertEquals(Math.min(blksize, length - start), d.length(), "length of " + abs);
    }
}
