package org.phoneprov.common.config;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Node;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.net.Addresses;

/**
 * Reads DHCP options written by code and type (no hand-written hex needed) and encodes
 * each once, at load. Types: ip, ip_list, string, u8, u16, u32, bool, hex, and
 * sub_options (encapsulated code/length/value, RFC 2132 8.4 — option 43's other form).
 */
final class OptionsReader {
    static final List<String> TYPES = List.of("ip", "ip_list", "string", "u8", "u16", "u32", "bool", "hex", "sub_options");

    private OptionsReader() {
    }

    static List<OptionSpec> read(MapView owner, String key, Problems problems) {
        List<OptionSpec> out = new ArrayList<>();
        for (MapView.Item item : owner.list(key)) {
            MapView.of(item.node(), item.path(), problems).flatMap(o -> option(o, problems, false)).ifPresent(out::add);
        }
        return out;
    }

    static Optional<OptionSpec> option(MapView o, Problems problems, boolean sub) {
        o.allowOnly("code", "type", "value");
        int code = o.integer("code", -1, 1, 254);
        if (!o.has("code")) {
            problems.add(o.at(), o.keyPath("code"), "missing; the option's number, 1 to 254");
        }
        // Configuring an option the server writes itself from the exchange would break the protocol.
        if (!sub && code >= 0 && DhcpOption.valueOf(code).isServerWritten()) {
            problems.add(o.at("code"), o.keyPath("code"), "dhcpd writes option " + code + " itself from the exchange");
            return Optional.empty();
        }
        Optional<String> type = o.requiredString("type");
        if (type.isPresent() && !TYPES.contains(type.get())) {
            problems.add(o.at("type"), o.keyPath("type"), "unknown type '" + type.get() + "'; one of " + String.join(", ", TYPES));
            return Optional.empty();
        }
        if (!o.has("value")) {
            problems.add(o.at(), o.keyPath("value"), "missing");
            return Optional.empty();
        }
        if (code < 0 || type.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> value = encode(o, type.get(), problems);
        if (value.isPresent() && value.get().length > 255 && sub) {
            problems.add(o.at("value"), o.keyPath("value"), "a sub-option holds at most 255 bytes");
            return Optional.empty();
        }
        return value.map(v -> new OptionSpec(code, type.get(), v, o.at("code")));
    }

    private static Optional<byte[]> encode(MapView o, String type, Problems problems) {
        String where = o.keyPath("value");
        switch (type) {
            case "ip":
                return o.address("value").map(a -> ipv4(a, o, problems)).filter(b -> b.length == 4);
            case "ip_list": {
                List<String> texts = o.strings("value");
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (String t : texts) {
                    Optional<InetAddress> a = Addresses.parseLiteral(t);
                    if (a.isEmpty()) {
                        problems.add(o.at("value"), where, "'" + t + "' is not an IPv4 address");
                        return Optional.empty();
                    }
                    b.writeBytes(ipv4(a.get(), o, problems));
                }
                if (texts.isEmpty()) {
                    problems.add(o.at("value"), where, "give at least one address");
                    return Optional.empty();
                }
                return Optional.of(b.toByteArray());
            }
            case "string":
                return o.string("value").map(s -> s.getBytes(StandardCharsets.UTF_8)).filter(b -> nonEmpty(b, o, problems));
            case "u8":
                return Optional.of(new byte[] {(byte) o.integer("value", 0, 0, 0xFF)});
            case "u16": {
                int v = o.integer("value", 0, 0, 0xFFFF);
                return Optional.of(new byte[] {(byte) (v >> 8), (byte) v});
            }
            case "u32": {
                long v = unsigned32(o, problems);
                return Optional.of(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
            }
            case "bool":
                return Optional.of(new byte[] {(byte) (o.bool("value", false) ? 1 : 0)});
            case "hex":
                return o.string("value").flatMap(h -> {
                    String clean = h.replace(":", "").replace(" ", "");
                    try {
                        byte[] b = HexFormat.of().parseHex(clean);
                        return nonEmpty(b, o, problems) ? Optional.of(b) : Optional.empty();
                    } catch (IllegalArgumentException e) {
                        problems.add(o.at("value"), where, "'" + h + "' is not hex (write 01:02:ab or 0102ab)");
                        return Optional.empty();
                    }
                });
            case "sub_options": {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (MapView.Item item : o.list("value")) {
                    Optional<OptionSpec> sub = MapView.of(item.node(), item.path(), problems)
                            .flatMap(s -> option(s, problems, true));
                    if (sub.isEmpty()) {
                        return Optional.empty();
                    }
                    b.write(sub.get().code());
                    b.write(sub.get().value().length);
                    b.writeBytes(sub.get().value());
                }
                return Optional.of(b.toByteArray()).filter(x -> nonEmpty(x, o, problems));
            }
            default:
                return Optional.empty();
        }
    }

    private static long unsigned32(MapView o, Problems problems) {
        Optional<Node> n = o.node("value");
        if (n.isPresent() && n.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarNode.Kind.INTEGER) {
            try {
                long v = Long.parseLong(s.text());
                if (v >= 0 && v <= 0xFFFF_FFFFL) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(o.at("value"), o.keyPath("value"), "expected an integer from 0 to 4294967295");
        return 0;
    }

    private static boolean nonEmpty(byte[] b, MapView o, Problems problems) {
        if (b.length == 0) {
            problems.add(o.at("value"), o.keyPath("value"), "an option cannot be empty");
            return false;
        }
        return true;
    }

    private static byte[] ipv4(InetAddress a, MapView o, Problems problems) {
        byte[] b = a.getAddress();
        if (b.length != 4) {
            problems.add(o.at("value"), o.keyPath("value"), "DHCPv4 options hold IPv4 addresses only");
            return new byte[0];
        }
        return b;
    }
}
