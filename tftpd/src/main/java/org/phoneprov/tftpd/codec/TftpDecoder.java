package org.phoneprov.tftpd.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Locale;
import java.util.Map;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.Opcode;
import org.phoneprov.tftpd.packet.TftpPacket;

/**
 * Parses one TFTP packet from a UDP payload. Stateless and thread-safe; reads the
 * buffer's readable bytes without moving its reader index. For any input it returns a
 * packet or throws {@link TftpParseException} naming the {@link Malformation}:
 * <ul>
 * <li>Under 2 bytes: TOO_SHORT. Opcode not 1..6: UNKNOWN_OPCODE.</li>
 * <li>RRQ/WRQ: the bare opcode is TOO_SHORT; filename up to its NUL (NO_NUL), not empty
 *     (BAD_FILENAME), any other byte kept as is (ISO-8859-1, so it is byte-exact);
 *     mode up to its NUL (NO_NUL), {@code octet} or {@code netascii} in any case, returned
 *     lower-cased (BAD_MODE); then RFC 2347 options, see {@link OptionReader}. The RFC 2347
 *     512-byte limit is not enforced.</li>
 * <li>DATA: at least 4 bytes; the payload is copied, any length (blksize is the session's
 *     business).</li>
 * <li>ACK: at least 4 bytes; bytes after the block number are ignored.</li>
 * <li>ERROR: at least 4 bytes; the message runs to its NUL, or to the end if the client
 *     left it out (lenient: clients send junk and an ERROR is never answered).</li>
 * <li>OACK: options as for a request (for the phone simulator and tests).</li>
 * </ul>
 */
public final class TftpDecoder {
    static final int HEADER_LENGTH = 4;

    private TftpDecoder() {
    }

    public static TftpPacket decode(ByteBuf buf) {
        int base = buf.readerIndex();
        int end = buf.writerIndex();
        int length = end - base;
        if (length < 2) {
            throw new TftpParseException(Malformation.TOO_SHORT, length + " bytes, no opcode");
        }
        int code = buf.getUnsignedShort(base);
        return switch (code) {
            case 1, 2 -> request(Opcode.valueOf(code), buf, base + 2, end);
            case 3 -> data(buf, base, end);
            case 4 -> new TftpPacket.Ack(buf.getUnsignedShort(atLeastHeader(buf, base, end, "ACK") + 2));
            case 5 -> error(buf, base, end);
            case 6 -> new TftpPacket.OptionAck(OptionReader.read(buf, base + 2, end));
            default -> throw new TftpParseException(Malformation.UNKNOWN_OPCODE, "opcode " + code);
        };
    }

    private static TftpPacket.Request request(Opcode opcode, ByteBuf buf, int from, int end) {
        if (from >= end) {
            throw new TftpParseException(Malformation.TOO_SHORT, "request with no filename");
        }
        int nameEnd = WireStrings.nul(buf, from, end);
        if (nameEnd < 0) {
            throw new TftpParseException(Malformation.NO_NUL,
                    "filename " + WireStrings.quote(WireStrings.read(buf, from, end)) + " not NUL-terminated");
        }
        if (nameEnd == from) {
            throw new TftpParseException(Malformation.BAD_FILENAME, "empty filename");
        }
        String filename = WireStrings.read(buf, from, nameEnd);
        int modeEnd = WireStrings.nul(buf, nameEnd + 1, end);
        if (modeEnd < 0) {
            throw new TftpParseException(Malformation.NO_NUL,
                    "mode " + WireStrings.quote(WireStrings.read(buf, nameEnd + 1, end)) + " not NUL-terminated");
        }
        String mode = WireStrings.read(buf, nameEnd + 1, modeEnd).toLowerCase(Locale.ROOT);
        if (!mode.equals("octet") && !mode.equals("netascii")) {
            throw new TftpParseException(Malformation.BAD_MODE, "mode " + WireStrings.quote(mode));
        }
        Map<String, String> options = OptionReader.read(buf, modeEnd + 1, end);
        return new TftpPacket.Request(opcode, filename, mode, options);
    }

    private static TftpPacket.Data data(ByteBuf buf, int base, int end) {
        int from = atLeastHeader(buf, base, end, "DATA") + HEADER_LENGTH;
        byte[] payload = ByteBufUtil.getBytes(buf, from, end - from);
        return new TftpPacket.Data(buf.getUnsignedShort(base + 2), payload, 0, payload.length);
    }

    private static TftpPacket.Error error(ByteBuf buf, int base, int end) {
        int from = atLeastHeader(buf, base, end, "ERROR") + HEADER_LENGTH;
        int nul = WireStrings.nul(buf, from, end);
        String message = WireStrings.read(buf, from, nul < 0 ? end : nul);
        return new TftpPacket.Error(ErrorCode.valueOf(buf.getUnsignedShort(base + 2)), message);
    }

    private static int atLeastHeader(ByteBuf buf, int base, int end, String what) {
        if (end - base < HEADER_LENGTH) {
            throw new TftpParseException(Malformation.TOO_SHORT, what + " of " + (end - base) + " bytes, at least 4 needed");
        }
        return base;
    }
}
