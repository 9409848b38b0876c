package org.phoneprov.phonesim.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The TFTP packets a reading client sends and reads (RFC 1350 section 5, RFC 2347 OACK):
 * opcodes, error codes, and the byte layouts. Strings are NUL-terminated ISO-8859-1, as
 * tftpd decodes them, so a name like {@code C:\ip_phones\st2030\v100.zz} passes byte for byte.
 */
final class TftpPackets {
    static final int RRQ = 1;
    static final int DATA = 3;
    static final int ACK = 4;
    static final int ERROR = 5;
    static final int OACK = 6;

    static final int ERR_NOT_DEFINED = 0;
    static final int ERR_FILE_NOT_FOUND = 1;
    static final int ERR_DISK_FULL = 3;
    static final int ERR_ILLEGAL_OPERATION = 4;
    static final int ERR_UNKNOWN_TID = 5;
    static final int ERR_OPTION_REFUSED = 8;

    /** The data of one DATA packet starts after opcode and block number. */
    static final int DATA_HEADER = 4;

    private TftpPackets() {
    }

    /** RRQ in octet mode, with options in the given order (RFC 2347: after the mode). */
    static byte[] readRequest(String name, Map<String, String> options) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64 + name.length());
        short16(b, RRQ);
        string(b, name);
        string(b, "octet");
        options.forEach((k, v) -> {
            string(b, k);
            string(b, v);
        });
        return b.toByteArray();
    }

    static byte[] ack(int block) {
        return new byte[] {0, ACK, (byte) (block >> 8), (byte) block};
    }

    static byte[] error(int code, String message) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(8 + message.length());
        short16(b, ERROR);
        short16(b, code);
        string(b, message);
        return b.toByteArray();
    }

    /** -1 for a packet too short to carry an opcode. */
    static int opcode(byte[] p, int len) {
        return len < 2 ? -1 : u16(p, 0);
    }

    /** The block number of DATA/ACK, or the code of ERROR. */
    static int second(byte[] p) {
        return u16(p, 2);
    }

    static String errorMessage(byte[] p, int len) {
        int end = DATA_HEADER;
        while (end < len && p[end] != 0) {
            end++;
        }
        String m = new String(p, DATA_HEADER, Math.max(0, end - DATA_HEADER), StandardCharsets.ISO_8859_1);
        return m.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** OACK options, names lower-cased; empty when the strings are not NUL-terminated pairs. */
    static Optional<Map<String, String>> oackOptions(byte[] p, int len) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 2;
        while (i < len) {
            int nameEnd = nul(p, i, len);
            if (nameEnd < 0) {
                return Optional.empty();
            }
            int valueEnd = nul(p, nameEnd + 1, len);
            if (valueEnd < 0) {
                return Optional.empty();
            }
            out.put(new String(p, i, nameEnd - i, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT),
                    new String(p, nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.ISO_8859_1));
            i = valueEnd + 1;
        }
        return Optional.of(out);
    }

    private static int nul(byte[] p, int from, int len) {
        for (int i = from; i < len; i++) {
            if (p[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int u16(byte[] p, int at) {
        return ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
    }

    private static void short16(ByteArrayOutputStream b, int v) {
        b.write(v >> 8);
        b.write(v);
    }

    private static void string(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
    }
}
