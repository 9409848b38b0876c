package org.phoneprov.phonesim.dhcp;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.mac.Mac;

/**
 * Reads a BOOTREPLY (RFC 2131 section 2, RFC 2132). Never throws: a reply that is not a
 * DHCP reply is {@link Malformed} with the reason, and the client treats it as no answer.
 * Options it does not know are skipped; a repeated option is concatenated (RFC 3396);
 * option 52 (overload) is honoured, so options in {@code file}/{@code sname} are read and
 * {@code file} is then not an INF name. A known option of the wrong size is ignored and
 * noted, not fatal: a phone keeps the lease and does without that option.
 */
public final class DhcpReplyParser {
    private static final int OPTIONS = DhcpMessages.FIXED + 4;
    private static final int SNAME = 44;
    private static final int FILE = 108;
    /**
     * Option 114, the URL a Gigaset provisions from (Gigaset wiki "DHCP option 114",
     * docs/vendor-formats.md 2.4); not a {@link DhcpOption} constant, since only the Gigaset reads it.
     */
    public static final int GIGASET_URL = 114;

    private DhcpReplyParser() {
    }

    public sealed interface Result permits Parsed, Malformed {
    }

    public record Parsed(DhcpReply reply) implements Result {
    }

    public record Malformed(String reason) implements Result {
    }

    public static Result parse(byte[] b) {
        if (b == null || b.length < OPTIONS) {
            return new Malformed("too short for a DHCP message: " + (b == null ? 0 : b.length) + " bytes, need "
                    + OPTIONS);
        }
        if (b[0] != 2) {
            return new Malformed("op is " + (b[0] & 0xFF) + ", not 2 (BOOTREPLY)");
        }
        if ((b[2] & 0xFF) != 6) {
            return new Malformed("hlen is " + (b[2] & 0xFF) + ", not 6 (Ethernet)");
        }
        for (int i = 0; i < 4; i++) {
            if (b[DhcpMessages.FIXED + i] != DhcpMessages.MAGIC_COOKIE[i]) {
                return new Malformed("no DHCP magic cookie: a BOOTP reply, not DHCP");
            }
        }
        Map<Integer, ByteArrayOutputStream> raw = new LinkedHashMap<>();
        String problem = readOptions(b, OPTIONS, b.length, raw, "options");
        if (problem != null) {
            return new Malformed(problem);
        }
        ByteArrayOutputStream overloadValue = raw.get(DhcpOption.OVERLOAD.code());
        int overload = overloadValue != null && overloadValue.size() == 1 ? overloadValue.toByteArray()[0] : 0;
        if ((overload & 1) != 0) {
            problem = readOptions(b, FILE, FILE + 128, raw, "file field options");
        }
        if (problem == null && (overload & 2) != 0) {
            problem = readOptions(b, SNAME, SNAME + 64, raw, "sname field options");
        }
        if (problem != null) {
            return new Malformed(problem);
        }
        Map<Integer, byte[]> o = new LinkedHashMap<>();
        raw.forEach((k, v) -> o.put(k, v.toByteArray()));
        byte[] type = o.get(DhcpOption.MESSAGE_TYPE.code());
        if (type == null || type.length != 1) {
            return new Malformed(type == null ? "no option 53 (message type)" : "option 53 is not 1 byte");
        }
        List<String> notes = new ArrayList<>();
        byte[] chaddr = new byte[6];
        System.arraycopy(b, 28, chaddr, 0, 6);
        Optional<String> file = (overload & 1) != 0 ? Optional.empty() : cString(b, FILE, 128);
        return new Parsed(new DhcpReply(int32(b, 4), type[0] & 0xFF, Mac.of(chaddr), ipv4(b, 16), ipv4(b, 20), file,
                address(o, DhcpOption.SUBNET_MASK, notes), firstAddress(o, DhcpOption.ROUTER, notes),
                lease(o, notes), address(o, DhcpOption.SERVER_ID, notes),
                text(o, DhcpOption.VENDOR_SPECIFIC), text(o, DhcpOption.TFTP_SERVER_NAME),
                text(o, DhcpOption.BOOTFILE_NAME), tftpServers(o, notes),
                unsigned(o, DhcpOption.VLAN_ENABLE, 1, notes), unsigned(o, DhcpOption.VOICE_VLAN, 2, notes),
                unsigned(o, DhcpOption.DATA_VLAN, 2, notes), notes, text(o, DhcpOption.valueOf(GIGASET_URL))));
    }

    /** Walks code/length/value from {@code from} to {@code to}; null, or why it could not. */
    private static String readOptions(byte[] b, int from, int to, Map<Integer, ByteArrayOutputStream> out,
                                      String where) {
        int i = from;
        while (i < to) {
            int code = b[i] & 0xFF;
            if (code == DhcpOption.END.code()) {
                return null;
            }
            if (code == DhcpOption.PAD.code()) {
                i++;
                continue;
            }
            if (i + 1 >= to) {
                return where + ": option " + code + " has no length byte";
            }
            int len = b[i + 1] & 0xFF;
            if (i + 2 + len > to) {
                return where + ": option " + code + " claims " + len + " bytes, only " + (to - i - 2) + " left";
            }
            out.computeIfAbsent(code, k -> new ByteArrayOutputStream()).write(b, i + 2, len);
            i += 2 + len;
        }
        return null; // no END: tolerated, some servers stop at the last option
    }

    private static Optional<Inet4Address> address(Map<Integer, byte[]> o, DhcpOption option, List<String> notes) {
        byte[] v = o.get(option.code());
        if (v == null) {
            return Optional.empty();
        }
        if (v.length != 4) {
            notes.add("option " + option.code() + " ignored: " + v.length + " bytes, expected 4");
            return Optional.empty();
        }
        return Optional.of(ipv4(v, 0));
    }

    private static Optional<Inet4Address> firstAddress(Map<Integer, byte[]> o, DhcpOption option, List<String> notes) {
        byte[] v = o.get(option.code());
        if (v == null) {
            return Optional.empty();
        }
        if (v.length == 0 || v.length % 4 != 0) {
            notes.add("option " + option.code() + " ignored: " + v.length + " bytes, expected a multiple of 4");
            return Optional.empty();
        }
        return Optional.of(ipv4(v, 0));
    }

    private static Optional<Long> lease(Map<Integer, byte[]> o, List<String> notes) {
        byte[] v = o.get(DhcpOption.LEASE_TIME.code());
        if (v == null) {
            return Optional.empty();
        }
        if (v.length != 4) {
            notes.add("option 51 ignored: " + v.length + " bytes, expected 4");
            return Optional.empty();
        }
        return Optional.of(int32(v, 0) & 0xFFFF_FFFFL);
    }

    /** Seed 2.4: option 150 may be "either ip address or hexadecimal with 4 Byte": raw addresses, or text. */
    private static List<Inet4Address> tftpServers(Map<Integer, byte[]> o, List<String> notes) {
        byte[] v = o.get(DhcpOption.TFTP_SERVER_ADDRESS.code());
        if (v == null) {
            return List.of();
        }
        List<Inet4Address> dotted = text(o, DhcpOption.TFTP_SERVER_ADDRESS).map(DhcpReplyParser::dottedQuads)
                .orElse(List.of());
        if (!dotted.isEmpty()) {
            return dotted;
        }
        if (v.length == 0 || v.length % 4 != 0) {
            notes.add("option 150 ignored: neither IPv4 addresses nor a dotted quad");
            return List.of();
        }
        List<Inet4Address> out = new ArrayList<>();
        for (int i = 0; i < v.length; i += 4) {
            out.add(ipv4(v, i));
        }
        return out;
    }

    /** Addresses written as text, {@code 10.77.0.1} or {@code 10.77.0.1,10.77.0.2}; empty if that is not what it is. */
    static List<Inet4Address> dottedQuads(String s) {
        List<Inet4Address> out = new ArrayList<>();
        for (String part : s.split("[,; ]+")) {
            Optional<Inet4Address> a = parseIpv4(part);
            if (a.isEmpty()) {
                return List.of();
            }
            out.add(a.get());
        }
        return out;
    }

    /** A dotted-quad IPv4 literal, without any name lookup. */
    public static Optional<Inet4Address> parseIpv4(String s) {
        String[] p = s.strip().split("\\.", -1);
        if (p.length != 4) {
            return Optional.empty();
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int n = Integer.parseInt(p[i]);
            if (n > 255) {
                return Optional.empty();
            }
            a[i] = (byte) n;
        }
        return Optional.of(ipv4(a, 0));
    }

    private static Optional<Integer> unsigned(Map<Integer, byte[]> o, DhcpOption option, int size, List<String> notes) {
        byte[] v = o.get(option.code());
        if (v == null) {
            return Optional.empty();
        }
        if (v.length != size) {
            notes.add("option " + option.code() + " ignored: " + v.length + " bytes, expected " + size
                    + " (seed 4.4.3)");
            return Optional.empty();
        }
        int n = 0;
        for (byte x : v) {
            n = (n << 8) | (x & 0xFF);
        }
        return Optional.of(n);
    }

    /** A string option, without trailing NULs and blanks; empty when nothing is left. */
    private static Optional<String> text(Map<Integer, byte[]> o, DhcpOption option) {
        byte[] v = o.get(option.code());
        if (v == null) {
            return Optional.empty();
        }
        int end = v.length;
        while (end > 0 && v[end - 1] == 0) {
            end--;
        }
        String s = new String(v, 0, end, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<String> cString(byte[] b, int from, int max) {
        int end = from;
        while (end < from + max && b[end] != 0) {
            end++;
        }
        String s = new String(b, from, end - from, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static Inet4Address ipv4(byte[] b, int at) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an IPv4 address", e);
        }
    }
}
