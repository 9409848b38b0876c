package org.phoneprov.tftpd.codec;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The RFC 2347 {@code name\0value\0} pairs of a request or OACK, in wire order, names lower-cased. */
final class OptionReader {
    /** Options whose value must be a decimal number (RFC 2348, 2349, 7440); its range is negotiation's business. */
    static final Set<String> NUMERIC = Set.of("blksize", "timeout", "tsize", "windowsize");

    private OptionReader() {
    }

    static Map<String, String> read(ByteBuf buf, int from, int end) {
        Map<String, String> options = new LinkedHashMap<>();
        int pos = from;
        while (pos < end) {
            int nameEnd = WireStrings.nul(buf, pos, end);
            if (nameEnd < 0) {
                throw new TftpParseException(Malformation.BAD_OPTION,
                        "trailing bytes " + WireStrings.quote(WireStrings.read(buf, pos, end)) + " form no option");
            }
            if (nameEnd == pos) {
                throw new TftpParseException(Malformation.BAD_OPTION, "empty option name at byte " + (pos - from));
            }
            String name = WireStrings.read(buf, pos, nameEnd).toLowerCase(Locale.ROOT);
            if (options.containsKey(name)) {
                throw new TftpParseException(Malformation.REPEATED_OPTION, "option " + WireStrings.quote(name) + " twice");
            }
            int valueStart = nameEnd + 1;
            if (valueStart >= end) {
                throw new TftpParseException(Malformation.BAD_OPTION, "option " + WireStrings.quote(name) + " has no value");
            }
            int valueEnd = WireStrings.nul(buf, valueStart, end);
            if (valueEnd < 0) {
                throw new TftpParseException(Malformation.NO_NUL,
                        "value of option " + WireStrings.quote(name) + " not NUL-terminated");
            }
            String value = WireStrings.read(buf, valueStart, valueEnd);
            if (NUMERIC.contains(name) && !isDigits(value)) {
                throw new TftpParseException(Malformation.BAD_OPTION,
                        "option " + name + " value " + WireStrings.quote(value) + " is not a decimal number");
            }
            options.put(name, value);
            pos = valueEnd + 1;
        }
        return options;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
