package org.phoneprov.tftpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phoneprov.tftpd.packet.TftpPacket;

/**
 * Bounded random loops with fixed seeds: for any bytes the decoder returns a packet or
 * throws {@link TftpParseException}, nothing else; and whatever it accepts re-encodes to
 * bytes it decodes again to the same packet.
 */
class DecoderFuzzTest {
    private static final int ITERATIONS = 20_000;

    private final Set<Malformation> seen = EnumSet.noneOf(Malformation.class);
    private int accepted;

    private static final List<byte[]> SEEDS = List.of(
            Wire.rrq("C:\\ip_phones\\mgcp\\st2030\\v100.zz", "octet").build(),
            Wire.rrq(".\\ip_phones\\mgcp\\decks\\st2030\\main.thd", "octet").str("blksize").str("1468").str("tsize")
                    .str("0").str("timeout").str("5").str("windowsize").str("16").build(),
            Wire.op(2).str("upload.log").str("netascii").str("x-vendor").str("v").build(),
            Wire.op(3).u16(17).raw("some file content").build(),
            Wire.op(4).u16(17).build(),
            Wire.op(5).u16(1).str("File not found").build(),
            Wire.op(6).str("blksize").str("1468").str("tsize").str("4096").build());

    private void check(byte[] packet) {
        TftpPacket p;
        try {
            p = Packets.decode(packet);
        } catch (TftpParseException e) {
            seen.add(e.reason());
            return;
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + ByteBufUtil.hexDump(packet), e);
            return;
        }
        accepted++;
        Packets.assertPacketEquals(p, Packets.decode(Packets.encode(p)));
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(0x7f7b_0001L);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] b = new byte[rnd.nextInt(rnd.nextBoolean() ? 8 : 80)];
            rnd.nextBytes(b);
            if (b.length >= 2 && rnd.nextInt(4) > 0) {
                b[0] = 0;
                b[1] = (byte) rnd.nextInt(8);
            }
            for (int k = 2; k < b.length; k++) {
                if (rnd.nextInt(6) == 0) {
                    b[k] = 0;
                }
            }
            check(b);
        }
        assertTrue(accepted > 1_000, "accepted " + accepted);
        assertEquals(EnumSet.allOf(Malformation.class), seen);
    }

    @Test
    void randomMutationsOfGoodPackets() {
        Random rnd = new Random(0x7f7b_0002L);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] b = SEEDS.get(rnd.nextInt(SEEDS.size())).clone();
            int mutations = 1 + rnd.nextInt(4);
            for (int k = 0; k < mutations; k++) {
                b = mutate(rnd, b);
            }
            check(b);
        }
        assertTrue(accepted > 2_000, "accepted " + accepted);
        assertEquals(EnumSet.allOf(Malformation.class), seen);
    }

    private static byte[] mutate(Random rnd, byte[] b) {
        if (b.length == 0) {
            return new byte[] {0, (byte) rnd.nextInt(8)};
        }
        switch (rnd.nextInt(7)) {
            case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 2 -> b[rnd.nextInt(b.length)] = 0;
            case 3 -> b = Arrays.copyOf(b, Math.max(0, b.length - 1 - rnd.nextInt(12)));
            case 4 -> {
                byte[] extra = new byte[1 + rnd.nextInt(10)];
                rnd.nextBytes(extra);
                b = TftpCodecTest.concat(b, extra);
            }
            case 5 -> {
                String[] tails = {"blksize\0", "512\0", "tsize\0", "\0", "BLKSIZE\0", "12a\0", "windowsize\0"};
                b = TftpCodecTest.concat(b, tails[rnd.nextInt(tails.length)].getBytes(
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            default -> {
                if (b.length > 2) {
                    b[1] = (byte) rnd.nextInt(8);
                }
            }
        }
        return b;
    }
}
