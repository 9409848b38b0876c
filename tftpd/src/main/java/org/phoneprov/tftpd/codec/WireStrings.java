package org.phoneprov.tftpd.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** NUL-terminated ISO-8859-1 strings on the wire: every byte but NUL maps to one char and back. */
final class WireStrings {
    /** Longest excerpt of client bytes quoted in a detail. */
    static final int QUOTE_LIMIT = 64;

    private WireStrings() {
    }

    /** Index of the NUL ending the string at {@code from}, or -1 if none before {@code end}. */
    static int nul(ByteBuf buf, int from, int end) {
        return from >= end ? -1 : buf.indexOf(from, end, (byte) 0);
    }

    static String read(ByteBuf buf, int from, int to) {
        return buf.toString(from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code s} and its NUL; a NUL inside {@code s} would split the field, so it is refused. */
    static void write(ByteBuf out, String s, String field) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " contains NUL: " + quote(s));
        }
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
        out.writeByte(0);
    }

    static int length(String s) {
        return s.length() + 1;
    }

    /**
     * {@code 'C:\x5cip_phones'}: client text in single quotes, printable ASCII kept, the rest
     * and the quote characters and backslash as {@code \xNN}, cut at {@link #QUOTE_LIMIT}; safe
     * inside a log line's {@code detail="..."} and an ERROR message.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), QUOTE_LIMIT) + 5).append('\'');
        for (int i = 0; i < s.length() && i < QUOTE_LIMIT; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\x%02x", c & 0xff));
            }
        }
        if (s.length() > QUOTE_LIMIT) {
            b.append("...");
        }
        return b.append('\'').toString();
    }
}
