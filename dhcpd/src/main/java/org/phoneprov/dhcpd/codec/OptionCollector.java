package org.phoneprov.dhcpd.codec;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.phoneprov.common.dhcp.DhcpOption;

/**
 * Reads option areas of one packet into one ordered map, concatenating the instances of
 * a code in the order met (RFC 3396: options field, then file, then sname). Every read is
 * bounds-checked against the area first, so nothing but {@link DhcpParseException} leaves.
 * One instance per packet; not thread-safe.
 */
final class OptionCollector {

    /** Where an area lies; the overloaded fields report every fault as BAD_OVERLOAD. */
    enum Area {
        OPTIONS, FILE, SNAME
    }

    private final LinkedHashMap<Integer, byte[]> values = new LinkedHashMap<>();
    private boolean messageTypeSeen;

    /** Reads {@code buf[from, to)} (absolute indexes) up to END or the area's end. */
    void read(ByteBuf buf, int from, int to, Area area) {
        int pos = from;
        while (pos < to) {
            int code = buf.getUnsignedByte(pos);
            if (code == DhcpOption.END.code()) {
                return;
            }
            if (code == DhcpOption.PAD.code()) {
                pos++;
                continue;
            }
            if (pos + 1 >= to) {
                throw fault(area, Malformation.NO_END, "option area ends in lone code " + code + " where END belongs");
            }
            int len = buf.getUnsignedByte(pos + 1);
            int start = pos + 2;
            if (start + len > to) {
                throw fault(area, Malformation.OPTION_OVERRUN, "option " + code + " length " + len
                        + " runs " + (start + len - to) + " bytes past the end");
            }
            if (code == DhcpOption.OVERLOAD.code() && area != Area.OPTIONS) {
                throw new DhcpParseException(Malformation.BAD_OVERLOAD, "option 52 inside the overloaded " + area);
            }
            if (code == DhcpOption.MESSAGE_TYPE.code()) {
                if (messageTypeSeen) {
                    throw new DhcpParseException(Malformation.DUPLICATE_MESSAGE_TYPE, "option 53 appears twice");
                }
                messageTypeSeen = true;
            }
            append(code, buf, start, len);
            pos = start + len;
        }
    }

    byte[] get(int code) {
        return values.get(code);
    }

    /** Checks every value against {@link OptionLengths} and hands the map over. */
    DhcpOptions finish() {
        values.forEach(OptionLengths::check);
        return DhcpOptions.Builder.wrap(values);
    }

    private void append(int code, ByteBuf buf, int start, int len) {
        byte[] old = values.get(code);
        byte[] v;
        if (old == null) {
            v = new byte[len];
            buf.getBytes(start, v);
        } else {
            v = Arrays.copyOf(old, old.length + len);
            buf.getBytes(start, v, old.length, len);
        }
        values.put(code, v);
    }

    private static DhcpParseException fault(Area area, Malformation inOptions, String detail) {
        return area == Area.OPTIONS
                ? new DhcpParseException(inOptions, detail)
                : new DhcpParseException(Malformation.BAD_OVERLOAD, "overloaded " + area + ": " + detail);
    }
}
