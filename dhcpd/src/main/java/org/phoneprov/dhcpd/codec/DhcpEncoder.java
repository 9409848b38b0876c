package org.phoneprov.dhcpd.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.phoneprov.common.dhcp.DhcpOption;

/**
 * Writes a DHCP message. Stateless and thread-safe.
 * <ul>
 * <li>Option 53 first, 54 second (some clients look only there), then the others in the
 *     message's order.</li>
 * <li>A value over 255 bytes is split into consecutive instances (RFC 3396).</li>
 * <li>Size: {@code maxSize} is the largest IP datagram the client accepts, as option 57
 *     counts it (RFC 2132 section 9.10); the DHCP message may use {@code maxSize - 28}
 *     (20 IP + 8 UDP). Below 576, 576 is used (548 bytes of DHCP). An option that would
 *     not fit, with END after it, is left out whole and reported; later, smaller options
 *     may still fit. The caller caps {@code maxSize} by the interface MTU.</li>
 * <li>The message is zero-padded to 300 bytes, the BOOTP size many clients insist on.</li>
 * <li>No option overload (52) on output: it would only matter past 548 bytes of options,
 *     and clients' overload parsers vary more than their long-option handling. A 52 in
 *     the options is left out and reported.</li>
 * </ul>
 */
public final class DhcpEncoder {
    static final int IP_UDP_HEADERS = 28;
    static final int MIN_LENGTH = 300;
    static final int MAX_DATAGRAM = 65535;

    private DhcpEncoder() {
    }

    public static EncodeResult encode(DhcpMessage message, int maxSize, ByteBufAllocator alloc) {
        int limit = Math.min(Math.max(maxSize, DhcpMessage.MIN_MAX_MESSAGE_SIZE), MAX_DATAGRAM) - IP_UDP_HEADERS;
        DhcpOptions options = message.options();
        List<Integer> order = writeOrder(options);
        List<Integer> written = new ArrayList<>(order.size());
        List<Integer> leftOut = new ArrayList<>();
        int length = DhcpDecoder.OPTIONS_OFFSET;
        for (int code : order) {
            int size = encodedSize(options.raw(code).length);
            if (code != DhcpOption.OVERLOAD.code() && length + size + 1 <= limit) {
                written.add(code);
                length += size;
            } else {
                leftOut.add(code);
            }
        }
        length += 1;
        ByteBuf out = alloc.buffer(Math.max(length, MIN_LENGTH));
        writeHeader(message, out);
        for (int code : written) {
            writeOption(out, code, options.raw(code));
        }
        out.writeByte(DhcpOption.END.code());
        if (out.readableBytes() < MIN_LENGTH) {
            out.writeZero(MIN_LENGTH - out.readableBytes());
        }
        return new EncodeResult(out, leftOut);
    }

    /** Bytes an option takes on the wire: 2 per instance of at most 255 value bytes. */
    static int encodedSize(int valueLength) {
        int instances = valueLength == 0 ? 1 : (valueLength + 254) / 255;
        return valueLength + 2 * instances;
    }

    private static List<Integer> writeOrder(DhcpOptions options) {
        List<Integer> order = new ArrayList<>(options.size());
        if (options.has(DhcpOption.MESSAGE_TYPE.code())) {
            order.add(DhcpOption.MESSAGE_TYPE.code());
        }
        if (options.has(DhcpOption.SERVER_ID.code())) {
            order.add(DhcpOption.SERVER_ID.code());
        }
        for (int code : options.codes()) {
            if (code != DhcpOption.MESSAGE_TYPE.code() && code != DhcpOption.SERVER_ID.code()) {
                order.add(code);
            }
        }
        return order;
    }

    private static void writeHeader(DhcpMessage m, ByteBuf out) {
        out.writeByte(m.op()).writeByte(m.htype()).writeByte(m.hlen()).writeByte(m.hops());
        out.writeInt(m.xid()).writeShort(m.secs()).writeShort(m.flags());
        out.writeInt(m.ciaddr()).writeInt(m.yiaddr()).writeInt(m.siaddr()).writeInt(m.giaddr());
        out.writeBytes(m.chaddr()).writeBytes(m.sname()).writeBytes(m.file());
        out.writeInt(DhcpDecoder.MAGIC_COOKIE);
    }

    private static void writeOption(ByteBuf out, int code, byte[] value) {
        int pos = 0;
        do {
            int chunk = Math.min(255, value.length - pos);
            out.writeByte(code).writeByte(chunk).writeBytes(value, pos, chunk);
            pos += chunk;
        } while (pos < value.length);
    }
}
