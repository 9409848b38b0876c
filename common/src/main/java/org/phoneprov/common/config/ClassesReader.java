package org.phoneprov.common.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.yaml.Node;
import org.phoneprov.common.provision.Model;

/**
 * Reads {@code classes:}; written order is match order. A class's {@code match:} keys all
 * have to hold (an absent key holds for everyone):
 * <ul>
 *   <li>{@code models: [ST2030S, N510]}: the phone's model is one of them;</li>
 *   <li>{@code vendor: gigaset} (or {@code thomson}): who made the phone. A Gigaset need not
 *       be in the inventory: dhcpd also knows one by its option 60 (Wazo's strings, e.g.
 *       {@code Gigaset_N510_IP_PRO}) or its MAC prefix (7C:2F:80, 58:9E:C6, 00:21:04), even when
 *       its model is unknown (docs/vendor-formats.md 4). This is the one line for "any Gigaset";</li>
 *   <li>{@code oui: ["7C:2F:80", "58:9E:C6"]}: the MAC's first three bytes are one of them;</li>
 *   <li>{@code vendor_class}, {@code user_class}: byte conditions on option 60 / 77
 *       ({@code equals}, {@code contains}, {@code prefix}, or their {@code _hex} forms); a list
 *       of them means all must hold. For "any of several strings" write {@code vendor:} (it
 *       knows the Gigaset strings) or one class per string;</li>
 *   <li>{@code inventory: true}: only phones of the inventory.</li>
 * </ul>
 */
final class ClassesReader {
    private ClassesReader() {
    }

    static Map<String, DeviceClass> read(MapView root, Problems problems) {
        Map<String, DeviceClass> out = new LinkedHashMap<>();
        Optional<MapView> cv = root.map("classes");
        if (cv.isEmpty()) {
            return out;
        }
        MapView classes = cv.get();
        for (String name : classes.keys()) {
            if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
                problems.add(classes.keyAt(name), classes.keyPath(name),
                        "a class name is 1 to 64 letters, digits, '.', '-', '_'");
                continue;
            }
            classes.map(name).ifPresent(c -> out.put(name, deviceClass(name, c, problems)));
        }
        return out;
    }

    private static DeviceClass deviceClass(String name, MapView c, Problems problems) {
        c.allowOnly("match", "vars", "dhcp");
        Set<Model> models = new HashSet<>();
        List<Model.Vendor> vendorOf = new ArrayList<>(1);
        List<Integer> ouis = new ArrayList<>();
        List<ByteMatch> vendor = new ArrayList<>();
        List<ByteMatch> user = new ArrayList<>();
        boolean[] inventory = {false};
        c.map("match").ifPresent(match -> {
            match.allowOnly("models", "vendor", "oui", "vendor_class", "user_class", "inventory");
            for (String m : match.strings("models")) {
                Model.parse(m).ifPresentOrElse(models::add, () -> problems.add(match.at("models"),
                        match.keyPath("models"), "unknown model '" + m + "'; known: " + Model.names()));
            }
            vendor(match, models, problems).ifPresent(vendorOf::add);
            for (String o : match.strings("oui")) {
                parseOui(o).ifPresentOrElse(ouis::add, () -> problems.add(match.at("oui"), match.keyPath("oui"),
                        "'" + o + "' is not an OUI (three bytes, like 00:14:7F or 00147F)"));
            }
            vendor.addAll(byteMatches(match, "vendor_class", problems));
            user.addAll(byteMatches(match, "user_class", problems));
            inventory[0] = match.bool("inventory", false);
        });
        DhcpClassOptions dhcp = c.map("dhcp").map(d -> dhcp(d, problems)).orElse(DhcpClassOptions.none());
        return new DeviceClass(name, models, vendorOf.stream().findFirst(), ouis, vendor, user, inventory[0],
                c.stringMap("vars"), dhcp);
    }

    /** {@code vendor: gigaset}; a listed model of another maker could never match, so it is a problem. */
    private static Optional<Model.Vendor> vendor(MapView match, Set<Model> models, Problems problems) {
        Optional<String> text = match.string("vendor");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Model.Vendor> vendor = Arrays.stream(Model.Vendor.values())
                .filter(v -> v.name().equalsIgnoreCase(text.get().trim())).findFirst();
        if (vendor.isEmpty()) {
            problems.add(match.at("vendor"), match.keyPath("vendor"), "'" + text.get() + "' is not one of "
                    + String.join(", ", Arrays.stream(Model.Vendor.values()).map(ClassesReader::lower).toList()));
            return Optional.empty();
        }
        for (Model m : models.stream().sorted().toList()) {
            if (m.vendor() != vendor.get()) {
                problems.add(match.at("vendor"), match.keyPath("vendor"), "model " + m + " is not a "
                        + lower(vendor.get()) + " phone: this class never matches it; remove one of the two");
            }
        }
        return vendor;
    }

    private static String lower(Model.Vendor v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    /** {@code {contains: "ST2030"}}, {@code {equals_hex: "0107"}}, or a list of such; all must hold. */
    private static List<ByteMatch> byteMatches(MapView match, String key, Problems problems) {
        List<ByteMatch> out = new ArrayList<>();
        Optional<Node> n = match.node(key);
        if (n.isEmpty()) {
            return out;
        }
        List<MapView> conditions = new ArrayList<>();
        if (n.get() instanceof Node.ListNode) {
            for (MapView.Item item : match.list(key)) {
                MapView.of(item.node(), item.path(), problems).ifPresent(conditions::add);
            }
        } else {
            match.map(key).ifPresent(conditions::add);
        }
        for (MapView m : conditions) {
            m.allowOnly("equals", "contains", "prefix", "equals_hex", "contains_hex", "prefix_hex");
            if (m.keys().size() != 1) {
                problems.add(m.at(), m.path(), "write exactly one of equals, contains, prefix (or their _hex forms)");
                continue;
            }
            String k = m.keys().iterator().next();
            boolean hex = k.endsWith("_hex");
            ByteMatch.Kind kind = ByteMatch.Kind.valueOf(k.replace("_hex", "").toUpperCase(Locale.ROOT));
            m.string(k).ifPresent(text -> {
                try {
                    byte[] pattern = hex ? HexFormat.of().parseHex(text.replace(":", "").replace(" ", ""))
                            : text.getBytes(StandardCharsets.UTF_8);
                    if (pattern.length == 0) {
                        problems.add(m.at(k), m.keyPath(k), "an empty pattern matches everything; remove it instead");
                    } else {
                        out.add(new ByteMatch(kind, pattern));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(m.at(k), m.keyPath(k), "'" + text + "' is not hex");
                }
            });
        }
        return out;
    }

    private static DhcpClassOptions dhcp(MapView d, Problems problems) {
        d.allowOnly("provision", "vlan", "options", "file", "sname", "lease_time");
        DhcpClassOptions.Provision provision = DhcpClassOptions.Provision.NONE;
        Optional<String> p = d.string("provision");
        if (p.isPresent()) {
            try {
                provision = DhcpClassOptions.Provision.valueOf(p.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(d.at("provision"), d.keyPath("provision"), "'" + p.get() + "' is not one of http, tftp, none");
            }
        }
        Optional<DhcpClassOptions.Vlan> vlan = d.map("vlan").map(v -> {
            v.allowOnly("enable", "voice", "data");
            for (String k : new String[] {"voice", "data"}) {
                if (!v.has(k)) {
                    problems.add(v.at(), v.keyPath(k), "missing; seed 4.4.3: a VLAN configuration needs all three values");
                }
            }
            return new DhcpClassOptions.Vlan(v.integer("enable", 1, 0, 255), v.integer("voice", 1, 1, 4094),
                    v.integer("data", 1, 1, 4094));
        });
        List<OptionSpec> options = OptionsReader.read(d, "options", problems);
        Optional<String> file = d.string("file").filter(f -> fits(d, "file", f, 127, problems));
        Optional<String> sname = d.string("sname").filter(s -> fits(d, "sname", s, 63, problems));
        Optional<Integer> lease = d.has("lease_time") ? Optional.of(d.integer("lease_time", 3600, 60, 31_536_000))
                : Optional.empty();
        return new DhcpClassOptions(provision, vlan, options, file, sname, lease);
    }

    private static boolean fits(MapView d, String key, String value, int max, Problems problems) {
        if (value.getBytes(StandardCharsets.US_ASCII).length > max || !StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
            problems.add(d.at(key), d.keyPath(key), "the BOOTP " + key + " field holds at most " + max + " ASCII characters");
            return false;
        }
        return true;
    }

    static Optional<Integer> parseOui(String s) {
        String hex = s.trim().replace(":", "").replace("-", "");
        if (!hex.matches("[0-9A-Fa-f]{6}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(hex, 16));
    }
}
