package org.phoneprov.tftpd.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import java.util.Objects;
import org.phoneprov.tftpd.packet.TftpPacket;

/**
 * Writes one TFTP packet into a new buffer from the allocator. Stateless and thread-safe.
 * Strings go out as ISO-8859-1 and NUL-terminated; a string holding a NUL, a block
 * number outside 0..65535 or a DATA range outside its array is a caller's bug:
 * {@link IllegalArgumentException} (or {@link IndexOutOfBoundsException}).
 *
 * <p>DATA is copied into one buffer rather than wrapped around the shared file array:
 * the native transports copy a heap or composite buffer into a direct one anyway, so
 * wrapping saves no copy, and a wrapped buffer would be writable over shared bytes.
 */
public final class TftpEncoder {
    private TftpEncoder() {
    }

    public static ByteBuf encode(TftpPacket packet, ByteBufAllocator alloc) {
        if (packet instanceof TftpPacket.Data d) {
            Objects.checkFromIndexSize(d.offset(), d.length(), d.data().length);
            ByteBuf out = alloc.buffer(TftpDecoder.HEADER_LENGTH + d.length());
            out.writeShort(d.opcode().code()).writeShort(block(d.block()));
            return out.writeBytes(d.data(), d.offset(), d.length());
        }
        if (packet instanceof TftpPacket.Ack a) {
            return alloc.buffer(TftpDecoder.HEADER_LENGTH).writeShort(a.opcode().code()).writeShort(block(a.block()));
        }
        if (packet instanceof TftpPacket.Error e) {
            int code = e.code().code();
            if (code < 0 || code > 0xffff) {
                throw new IllegalArgumentException("error code " + code + " outside 0..65535");
            }
            ByteBuf out = alloc.buffer(TftpDecoder.HEADER_LENGTH + WireStrings.length(e.message()));
            out.writeShort(e.opcode().code()).writeShort(code);
            return written(out, () -> WireStrings.write(out, e.message(), "error message"));
        }
        if (packet instanceof TftpPacket.OptionAck o) {
            ByteBuf out = alloc.buffer(2 + length(o.options()));
            out.writeShort(o.opcode().code());
            return written(out, () -> writeOptions(out, o.options()));
        }
        TftpPacket.Request r = (TftpPacket.Request) packet;
        int opcode = r.opcode().code();
        if (opcode != 1 && opcode != 2) {
            throw new IllegalArgumentException("request opcode " + opcode + ", must be RRQ (1) or WRQ (2)");
        }
        ByteBuf out = alloc.buffer(2 + WireStrings.length(r.filename()) + WireStrings.length(r.mode()) + length(r.options()));
        out.writeShort(opcode);
        return written(out, () -> {
            WireStrings.write(out, r.filename(), "filename");
            WireStrings.write(out, r.mode(), "mode");
            writeOptions(out, r.options());
        });
    }

    private static int block(int block) {
        if (block < 0 || block > 0xffff) {
            throw new IllegalArgumentException("block " + block + " outside 0..65535");
        }
        return block;
    }

    private static int length(Map<String, String> options) {
        int n = 0;
        for (Map.Entry<String, String> e : options.entrySet()) {
            n += WireStrings.length(e.getKey()) + WireStrings.length(e.getValue());
        }
        return n;
    }

    private static void writeOptions(ByteBuf out, Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().isEmpty()) {
                throw new IllegalArgumentException("empty option name");
            }
            WireStrings.write(out, e.getKey(), "option name");
            WireStrings.write(out, e.getValue(), "option " + e.getKey());
        }
    }

    /** Runs the writes; on a refused string releases the buffer before the exception leaves. */
    private static ByteBuf written(ByteBuf out, Runnable writes) {
        try {
            writes.run();
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
