package org.phoneprov.dhcpd.codec;

import io.netty.buffer.ByteBuf;
import org.phoneprov.common.dhcp.DhcpOption;

/**
 * Parses one DHCP message from a UDP payload, strictly. Stateless and thread-safe; reads
 * the buffer's readable bytes without moving its reader index. For any input it returns
 * a message or throws {@link DhcpParseException} naming the {@link Malformation}, checked
 * in this order:
 * <ol>
 * <li>TOO_SHORT below 240 bytes; NOT_A_REQUEST for the wrong op; BAD_HLEN; HOPS_EXCEEDED;
 *     NO_MAGIC_COOKIE.</li>
 * <li>The options field: PAD skipped, END stops, bytes after END ignored. An area that
 *     parses cleanly to its very last byte without END is accepted (some embedded clients
 *     fill the packet exactly); a length running past the end is OPTION_OVERRUN; a lone
 *     code byte left where END belongs is NO_END. Option 53 twice is DUPLICATE_MESSAGE_TYPE.</li>
 * <li>Option 52 (must be one byte, 1 file / 2 sname / 3 both, else BAD_OVERLOAD): the named
 *     fields are read as further option areas, file before sname; any fault inside them,
 *     or 52 again, is BAD_OVERLOAD. The message then shows those fields as empty.</li>
 * <li>Instances of one code are concatenated (RFC 3396), then checked against
 *     {@link OptionLengths}: BAD_OPTION_LENGTH.</li>
 * <li>No option 53: NO_MESSAGE_TYPE (plain BOOTP is not served).</li>
 * </ol>
 */
public final class DhcpDecoder {
    static final int SNAME_OFFSET = 44;
    static final int FILE_OFFSET = 108;
    static final int HEADER_LENGTH = 236;
    static final int MAGIC_COOKIE = 0x63825363;
    static final int OPTIONS_OFFSET = HEADER_LENGTH + 4;
    static final int MAX_HLEN = 16;
    static final int MAX_HOPS = 16;

    private DhcpDecoder() {
    }

    /** A client's message to a server: op must be BOOTREQUEST. */
    public static DhcpMessage decode(ByteBuf buf) {
        return decode(buf, DhcpMessage.BOOTREQUEST);
    }

    /** A server's message to a client (for the phone simulator and tests): op must be BOOTREPLY. */
    public static DhcpMessage decodeReply(ByteBuf buf) {
        return decode(buf, DhcpMessage.BOOTREPLY);
    }

    private static DhcpMessage decode(ByteBuf buf, int expectedOp) {
        int base = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < OPTIONS_OFFSET) {
            throw new DhcpParseException(Malformation.TOO_SHORT, length + " bytes, at least 240 needed");
        }
        int op = buf.getUnsignedByte(base);
        int htype = buf.getUnsignedByte(base + 1);
        int hlen = buf.getUnsignedByte(base + 2);
        int hops = buf.getUnsignedByte(base + 3);
        if (op != expectedOp) {
            throw new DhcpParseException(Malformation.NOT_A_REQUEST, "op " + op + ", expected " + expectedOp);
        }
        if (hlen > MAX_HLEN || htype == 1 && hlen != 6) {
            throw new DhcpParseException(Malformation.BAD_HLEN, "htype " + htype + " hlen " + hlen);
        }
        if (hops > MAX_HOPS) {
            throw new DhcpParseException(Malformation.HOPS_EXCEEDED, "hops " + hops + " above " + MAX_HOPS);
        }
        int cookie = buf.getInt(base + HEADER_LENGTH);
        if (cookie != MAGIC_COOKIE) {
            throw new DhcpParseException(Malformation.NO_MAGIC_COOKIE, String.format("0x%08x, expected 0x63825363", cookie));
        }

        OptionCollector options = new OptionCollector();
        options.read(buf, base + OPTIONS_OFFSET, base + length, OptionCollector.Area.OPTIONS);
        int overload = overload(options.get(DhcpOption.OVERLOAD.code()));
        if ((overload & 1) != 0) {
            options.read(buf, base + FILE_OFFSET, base + FILE_OFFSET + DhcpMessage.FILE_LENGTH,
                    OptionCollector.Area.FILE);
        }
        if ((overload & 2) != 0) {
            options.read(buf, base + SNAME_OFFSET, base + SNAME_OFFSET + DhcpMessage.SNAME_LENGTH,
                    OptionCollector.Area.SNAME);
        }
        DhcpOptions decoded = options.finish();
        if (!decoded.has(DhcpOption.MESSAGE_TYPE.code())) {
            throw new DhcpParseException(Malformation.NO_MESSAGE_TYPE, "no option 53 (BOOTP is not served)");
        }

        byte[] chaddr = new byte[DhcpMessage.CHADDR_LENGTH];
        buf.getBytes(base + 28, chaddr);
        byte[] sname = new byte[DhcpMessage.SNAME_LENGTH];
        if ((overload & 2) == 0) {
            buf.getBytes(base + SNAME_OFFSET, sname);
        }
        byte[] file = new byte[DhcpMessage.FILE_LENGTH];
        if ((overload & 1) == 0) {
            buf.getBytes(base + FILE_OFFSET, file);
        }
        return new DhcpMessage(op, htype, hlen, hops, buf.getInt(base + 4),
                buf.getUnsignedShort(base + 8), buf.getUnsignedShort(base + 10),
                buf.getInt(base + 12), buf.getInt(base + 16), buf.getInt(base + 20), buf.getInt(base + 24),
                chaddr, sname, file, decoded);
    }

    /** 0 without option 52, else its value 1..3. */
    private static int overload(byte[] v) {
        if (v == null) {
            return 0;
        }
        if (v.length != 1) {
            throw new DhcpParseException(Malformation.BAD_OPTION_LENGTH, "option 52 has " + v.length + " bytes, must be 1");
        }
        int value = v[0] & 0xFF;
        if (value < 1 || value > 3) {
            throw new DhcpParseException(Malformation.BAD_OVERLOAD, "option 52 value " + value + ", must be 1, 2 or 3");
        }
        return value;
    }
}
