package org.phoneprov.common.events;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.phoneprov.common.mac.Mac;

/**
 * One event as bytes in the event log:
 * {@code u16 length | u32 crc32c(payload) | payload}, the payload being
 * {@code i64 epochMillis | i64 mac (-1: none) | i64 bytes | i64 micros |
 * u8 addressLength (0, 4, 16) | address | u16 port | str daemon | str action | str file | str result},
 * each {@code str} a u16 length and UTF-8. The checksum finds the torn last record a
 * crash leaves behind; a reader stops there.
 */
final class EventCodec {
    static final int HEADER = 2 + 4;
    static final int MAX_STRING = 1024;
    static final int MAX_RECORD = 64 + 16 + 4 * (2 + MAX_STRING) + 8;

    private EventCodec() {
    }

    /** Appends one record; the buffer must have {@link #MAX_RECORD} bytes free. */
    static void encode(Event e, ByteBuffer out) {
        int start = out.position();
        out.position(start + HEADER);
        int payload = out.position();
        out.putLong(e.time().toEpochMilli());
        out.putLong(e.device().isPresent() ? e.device().get().value() : -1L); // no boxed Long per event
        out.putLong(e.bytes());
        out.putLong(e.micros());
        if (e.client().isPresent() && e.client().get().getAddress() != null) {
            byte[] a = e.client().get().getAddress().getAddress();
            out.put((byte) a.length).put(a).putShort((short) e.client().get().getPort());
        } else {
            out.put((byte) 0).putShort((short) 0);
        }
        putString(out, e.daemon());
        putString(out, e.action());
        putString(out, e.file());
        putString(out, e.result());
        int end = out.position();
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(payload).limit(end));
        out.putShort(start, (short) (end - payload));
        out.putInt(start + 2, (int) crc.getValue());
    }

    private static void putString(ByteBuffer out, String s) {
        int lengthAt = out.position();
        out.position(lengthAt + 2);
        int n = 0;
        for (int i = 0; i < s.length() && n < MAX_STRING - 3; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
                n++;
            } else {
                byte[] b = String.valueOf(Character.isSurrogate(c) ? '?' : c).getBytes(StandardCharsets.UTF_8);
                out.put(b);
                n += b.length;
            }
        }
        out.putShort(lengthAt, (short) n);
    }

    /** The next record, or empty at the end of the data or at a torn or damaged record. */
    static Optional<Event> decode(ByteBuffer in) {
        if (in.remaining() < HEADER) {
            return Optional.empty();
        }
        int start = in.position();
        int length = Short.toUnsignedInt(in.getShort(start));
        int crc = in.getInt(start + 2);
        if (length == 0 || in.remaining() < HEADER + length) {
            return Optional.empty();
        }
        ByteBuffer p = in.duplicate().position(start + HEADER).limit(start + HEADER + length);
        CRC32C c = new CRC32C();
        c.update(p.duplicate());
        if ((int) c.getValue() != crc) {
            return Optional.empty();
        }
        try {
            long millis = p.getLong();
            long mac = p.getLong();
            long bytes = p.getLong();
            long micros = p.getLong();
            int alen = Byte.toUnsignedInt(p.get());
            Optional<InetSocketAddress> client = Optional.empty();
            if (alen == 4 || alen == 16) {
                byte[] a = new byte[alen];
                p.get(a);
                int port = Short.toUnsignedInt(p.getShort());
                client = Optional.of(new InetSocketAddress(InetAddress.getByAddress(a), port));
            } else {
                p.getShort();
            }
            // Java evaluates arguments left to right: daemon, action, file, result, as written.
            Event e = new Event(Instant.ofEpochMilli(millis), string(p), string(p),
                    mac < 0 ? Optional.empty() : Optional.of(Mac.of(mac)), string(p), string(p), bytes, micros, client);
            in.position(start + HEADER + length);
            return Optional.of(e);
        } catch (BufferUnderflowException | IllegalArgumentException | UnknownHostException ex) {
            return Optional.empty();
        }
    }

    private static String string(ByteBuffer p) {
        int n = Short.toUnsignedInt(p.getShort());
        byte[] b = new byte[n];
        p.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
