package org.phoneprov.tftpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import org.phoneprov.tftpd.packet.TftpPacket;

/** Test helpers: decode bytes, encode packets, compare packets (DATA by content). */
public final class Packets {
    private Packets() {
    }

    static TftpPacket decode(byte[] bytes) {
        return TftpDecoder.decode(Unpooled.wrappedBuffer(bytes));
    }

    static byte[] encode(TftpPacket packet) {
        ByteBuf buf = TftpEncoder.encode(packet, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] payload(TftpPacket.Data d) {
        return Arrays.copyOfRange(d.data(), d.offset(), d.offset() + d.length());
    }

    /** Equal as packets: DATA by block and payload bytes, options by content and order. */
    public static void assertPacketEquals(TftpPacket expected, TftpPacket actual) {
        assertEquals(expected.getClass(), actual.getClass());
        if (expected instanceof TftpPacket.Data e) {
            TftpPacket.Data a = (TftpPacket.Data) actual;
            assertEquals(e.block(), a.block());
            assertArrayEquals(payload(e), payload(a));
        } else if (expected instanceof TftpPacket.Request e) {
            assertEquals(e, actual);
            assertEquals(new ArrayList<>(e.options().keySet()),
                    new ArrayList<>(((TftpPacket.Request) actual).options().keySet()));
        } else if (expected instanceof TftpPacket.OptionAck e) {
            assertEquals(e, actual);
            assertEquals(new ArrayList<>(e.options().keySet()),
                    new ArrayList<>(((TftpPacket.OptionAck) actual).options().keySet()));
        } else {
            assertEquals(expected, actual);
        }
    }
}
