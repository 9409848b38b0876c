package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.DhcpOption;

/**
 * Bounded random loops with fixed seeds: for any bytes the decoder returns a message or
 * throws {@link DhcpParseException}, nothing else; and whatever it accepts re-encodes to
 * a packet it accepts again with the same options.
 */
class DecoderFuzzTest {
    private static final int ITERATIONS = 20_000;

    private final Set<Malformation> seen = EnumSet.noneOf(Malformation.class);
    private int accepted;

    private static final List<byte[]> SEEDS = List.of(
            RawPacket.discover().bytes(),
            RawPacket.request().options(53, 1, 3, 50, 4, 10, 77, 0, 100, 54, 4, 10, 77, 0, 1,
                    57, 2, 5, 0xdc, 55, 4, 1, 3, 66, 67, 61, 7, 1, 0, 0x14, 0x7f, 0xe1, 0x47, 0xb3, 255).bytes(),
            RawPacket.request().options(52, 1, 3, 43, 2, 1, 2, 255).file(53, 1, 1, 43, 1, 3, 255)
                    .sname(12, 3, 'a', 'b', 'c', 255).bytes(),
            Arrays.copyOf(RawPacket.discover().options(53, 1, 1, 60, 3, 'a', 'b', 'c', 255).bytes(), 300));

    private void check(byte[] packet) {
        ByteBuf buf = Unpooled.wrappedBuffer(packet);
        DhcpMessage m;
        try {
            m = DhcpDecoder.decode(buf);
        } catch (DhcpParseException e) {
            seen.add(e.reason());
            return;
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + io.netty.buffer.ByteBufUtil.hexDump(packet), e);
            return;
        }
        accepted++;
        EncodeResult r = DhcpEncoder.encode(m, 65535, UnpooledByteBufAllocator.DEFAULT);
        try {
            DhcpMessage again = DhcpDecoder.decode(r.content());
            assertEquals(m.options().toBuilder().remove(DhcpOption.OVERLOAD.code()).build(), again.options());
            assertEquals(m.xid(), again.xid());
            assertArrayEquals(m.chaddr(), again.chaddr());
        } finally {
            r.content().release();
        }
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(0x5eed_0001L);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] b = new byte[rnd.nextInt(700)];
            rnd.nextBytes(b);
            int fix = b.length >= 240 ? rnd.nextInt(3) : 0;
            if (fix >= 1) {
                b[0] = 1;
                b[1] = (byte) rnd.nextInt(3);
                b[2] = (byte) (b[1] == 1 ? 6 : rnd.nextInt(17));
                b[3] = (byte) rnd.nextInt(17);
            }
            if (fix == 2) {
                b[236] = 0x63;
                b[237] = (byte) 0x82;
                b[238] = 0x53;
                b[239] = 0x63;
            }
            check(b);
        }
        assertTrue(seen.containsAll(EnumSet.of(Malformation.TOO_SHORT, Malformation.NOT_A_REQUEST,
                Malformation.BAD_HLEN, Malformation.HOPS_EXCEEDED, Malformation.NO_MAGIC_COOKIE,
                Malformation.OPTION_OVERRUN)), seen.toString());
    }

    @Test
    void randomMutationsOfGoodPackets() {
        Random rnd = new Random(0x5eed_0002L);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] b = SEEDS.get(rnd.nextInt(SEEDS.size())).clone();
            int mutations = 1 + rnd.nextInt(4);
            for (int k = 0; k < mutations; k++) {
                b = mutate(rnd, b);
            }
            check(b);
        }
        assertTrue(accepted > 1_000, "accepted " + accepted);
        assertTrue(seen.size() >= 8, seen.toString());
    }

    @Test
    void randomOptionAreasAfterAGoodHeader() {
        Random rnd = new Random(0x5eed_0003L);
        int[] codes = {0, 255, 53, 52, 50, 51, 54, 55, 57, 61, 1, 3, 6, 150, 12, 43, 60, 77, 82, 224};
        int[] lengths = {0, 1, 2, 2, 4, 4, 8, 12};
        for (int i = 0; i < ITERATIONS; i++) {
            RawPacket p = RawPacket.request();
            if (rnd.nextInt(5) > 0) {
                p.addOptions(53, 1, 1 + rnd.nextInt(8));
            }
            int count = rnd.nextInt(8);
            for (int k = 0; k < count; k++) {
                int code = codes[rnd.nextInt(codes.length)];
                int len = rnd.nextInt(10) == 0 ? rnd.nextInt(256) : lengths[rnd.nextInt(lengths.length)];
                p.addOptions(code, len);
                for (int v = 0; v < len && rnd.nextInt(50) > 0; v++) {
                    p.addOptions(code == 57 ? 0x05 : code == 52 ? 1 + rnd.nextInt(3) : rnd.nextInt(256));
                }
            }
            if (rnd.nextInt(5) > 0) {
                p.addOptions(255);
            }
            if (rnd.nextInt(4) == 0) {
                int[] field = new int[192];
                for (int k = 0; k < field.length; k++) {
                    field[k] = rnd.nextInt(3) == 0 ? rnd.nextInt(8) : codes[rnd.nextInt(codes.length)];
                }
                p.sname(field);
            }
            byte[] b = p.bytes();
            check(b);
        }
        assertTrue(accepted > 100, "accepted " + accepted);
        assertTrue(seen.containsAll(EnumSet.of(Malformation.OPTION_OVERRUN, Malformation.BAD_OPTION_LENGTH,
                Malformation.DUPLICATE_MESSAGE_TYPE, Malformation.NO_MESSAGE_TYPE, Malformation.BAD_OVERLOAD,
                Malformation.NO_END)), seen.toString());
    }

    private static byte[] mutate(Random rnd, byte[] b) {
        switch (rnd.nextInt(6)) {
            case 0 -> {
                int i = rnd.nextInt(b.length);
                b[i] ^= (byte) (1 << rnd.nextInt(8));
            }
            case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 2 -> {
                if (b.length > 240) {
                    b[240 + rnd.nextInt(b.length - 240)] = (byte) (rnd.nextBoolean() ? 0 : 255);
                }
            }
            case 3 -> b = Arrays.copyOf(b, Math.max(0, b.length - 1 - rnd.nextInt(20)));
            case 4 -> {
                byte[] extra = new byte[1 + rnd.nextInt(10)];
                rnd.nextBytes(extra);
                byte[] n = Arrays.copyOf(b, b.length + extra.length);
                System.arraycopy(extra, 0, n, b.length, extra.length);
                b = n;
            }
            default -> {
                if (b.length > 241) {
                    int i = 240 + rnd.nextInt(b.length - 240);
                    b[i] = (byte) (b[i] + (rnd.nextBoolean() ? 1 : -1));
                }
            }
        }
        return b.length < 241 && rnd.nextInt(10) > 0 ? Arrays.copyOf(b, 241) : b;
    }
}
