package org.phoneprov.common.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.phoneprov.common.net.Cidr;
import org.phoneprov.common.provision.OwnUrl;

/** Reads the plug-and-play rules and check-sync pacing from the {@code sipd:} section. */
public final class SipdReader implements SectionReader<SipdSettings> {
    public static final SipdReader SECTION = new SipdReader();
    private static final Set<String> KEYS = Set.of("pnp", "notify");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private SipdReader() {
    }

    @Override
    public String name() {
        return "sipd";
    }

    @Override
    public int defaultPort() {
        return 5060;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public SipdSettings read(Optional<MapView> section, SectionContext context) {
        return read(section, context.problems());
    }

    /**
     * Multicast is joined on a named interface: an enabled responder must know which. And a
     * rule that sends phones to this suite must name something it serves ({@link OwnUrl}),
     * or every phone it answers gets a 404 instead of its provisioning.
     */
    @Override
    public void check(Section<SipdSettings> section, SuiteConfig whole, MapView root, Problems problems) {
        SipdSettings sip = section.settings();
        if (!section.listen().enabled() || sip.pnp().vendors().isEmpty()) {
            return;
        }
        MapView s = root.map(name()).orElse(root);
        if (sip.pnp().interfaces().isEmpty() && section.listen().iface().isEmpty()) {
            problems.add(s.at(), s.keyPath("interface"), "missing; plug-and-play joins " + sip.pnp().group()
                    .getHostAddress() + " on a network interface: set sipd.interface (or sipd.pnp.interfaces)");
        }
        Map<String, MapView.Item> items = new HashMap<>();
        s.map("pnp").ifPresent(p -> p.list("vendors").forEach(i -> items.put(i.path(), i)));
        for (SipdSettings.PnpRule rule : sip.pnp().vendors()) {
            OwnUrl.problem(rule.url(), whole).ifPresent(why -> {
                Optional<MapView> r = Optional.ofNullable(items.get(rule.name()))
                        .flatMap(i -> MapView.of(i.node(), i.path(), problems));
                problems.add(r.map(v -> v.at("url")).orElse(s.at()), rule.name() + ".url", why);
            });
        }
    }

    static SipdSettings read(Optional<MapView> section, Problems problems) {
        SipdSettings d = SipdSettings.defaults();
        if (section.isEmpty()) {
            return d;
        }
        MapView s = section.get();
        SipdSettings.Pnp pnp = s.map("pnp").map(p -> pnp(p, d.pnp(), problems)).orElse(d.pnp());
        SipdSettings.CheckSync checkSync = s.map("notify").map(n -> checkSync(n, d.checkSync())).orElse(d.checkSync());
        return new SipdSettings(pnp, checkSync);
    }

    private static SipdSettings.Pnp pnp(MapView p, SipdSettings.Pnp def, Problems problems) {
        p.allowOnly("group", "interfaces", "allow", "rate_per_source", "vendors");
        InetAddress group = p.address("group").orElse(def.group());
        if (!(group instanceof Inet4Address) || !group.isMulticastAddress()) {
            problems.add(p.at("group"), p.keyPath("group"), group.getHostAddress()
                    + " is not an IPv4 multicast group (phones use 224.0.1.75)");
        }
        List<String> interfaces = p.strings("interfaces");
        List<Cidr> allow = new ArrayList<>();
        for (MapView.Item item : p.list("allow")) {
            String text = item.node() instanceof org.phoneprov.common.config.yaml.Node.ScalarNode sc ? sc.text() : "";
            Cidr.parse(text).ifPresentOrElse(allow::add, () -> problems.add(item.node().at(), item.path(),
                    "'" + text + "' is not a subnet like 10.77.0.0/16"));
        }
        int perSource = p.integer("rate_per_source", def.perSourcePerSecond(), 1, 1_000_000);
        List<SipdSettings.PnpRule> rules = new ArrayList<>();
        for (MapView.Item item : p.list("vendors")) {
            MapView.of(item.node(), item.path(), problems).flatMap(r -> rule(r, item.path(), problems))
                    .ifPresent(rules::add);
        }
        if (!rules.isEmpty() && allow.isEmpty() && !p.has("allow")) {
            problems.add(p.at(), p.keyPath("allow"), "missing; say which subnets get plug-and-play answers,"
                    + " e.g. allow: [10.77.0.0/16] (a wrong answer is harmful: the first one wins on the phone)");
        }
        return new SipdSettings.Pnp(group, interfaces, allow, perSource, rules);
    }

    private static Optional<SipdSettings.PnpRule> rule(MapView r, String path, Problems problems) {
        r.allowOnly("vendor", "model", "user_agent", "profile_types", "url");
        List<String> vendors = r.strings("vendor");
        Optional<Pattern> model = pattern(r, "model", problems);
        Optional<Pattern> userAgent = pattern(r, "user_agent", problems);
        List<String> types = r.has("profile_types") ? r.strings("profile_types") : List.of("device", "application");
        Optional<String> url = r.requiredString("url");
        url.ifPresent(u -> {
            Matcher m = PLACEHOLDER.matcher(u);
            while (m.find()) {
                if (!SipdSettings.PnpRule.PLACEHOLDERS.contains(m.group(1))) {
                    problems.add(r.at("url"), r.keyPath("url"), "unknown placeholder {" + m.group(1)
                            + "}; known: {mac} {MAC} {model} {vendor} {version}");
                }
            }
            if (!u.matches("(?i)(https?|tftp|ftps?)://\\S+")) {
                problems.add(r.at("url"), r.keyPath("url"), "'" + u + "' is not an http, https, tftp or ftp URL");
            }
        });
        return url.map(u -> new SipdSettings.PnpRule(path, vendors, model, userAgent, types, u));
    }

    /** A case-insensitive pattern; an empty one or one that does not compile is a problem at its key. */
    private static Optional<Pattern> pattern(MapView r, String key, Problems problems) {
        return r.string(key).flatMap(text -> {
            if (text.isBlank()) {
                problems.add(r.at(key), r.keyPath(key), "empty; leave " + key + " out to match any");
                return Optional.empty();
            }
            try {
                return Optional.of(Pattern.compile(text, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                problems.add(r.at(key), r.keyPath(key), "not a valid pattern: " + e.getDescription());
                return Optional.empty();
            }
        });
    }

    private static SipdSettings.CheckSync checkSync(MapView n, SipdSettings.CheckSync def) {
        n.allowOnly("source_port", "phone_port", "span", "rate", "t1_ms", "timeout_ms");
        int t1 = n.integer("t1_ms", def.t1Millis(), 10, 10_000);
        return new SipdSettings.CheckSync(
                n.integer("source_port", def.sourcePort(), 0, 65535),
                n.integer("phone_port", def.phonePort(), 1, 65535),
                n.integer("span", def.spanSeconds(), 0, 86_400),
                n.integer("rate", def.ratePerSecond(), 1, 100_000),
                t1,
                n.integer("timeout_ms", n.has("t1_ms") && !n.has("timeout_ms") ? 64 * t1 : def.timeoutMillis(),
                        t1, 600_000));
    }
}
