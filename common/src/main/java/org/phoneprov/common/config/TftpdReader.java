package org.phoneprov.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.phoneprov.common.config.yaml.Node;

/** Reads tftpd's transfer limits and name rules from the {@code tftpd:} section. */
public final class TftpdReader implements SectionReader<TftpdSettings> {
    public static final TftpdReader SECTION = new TftpdReader();
    private static final Set<String> KEYS = Set.of("max_blksize", "timeout_ms", "retries", "max_window",
            "max_transfers", "max_per_client", "case_insensitive", "name_rules");

    private TftpdReader() {
    }

    @Override
    public String name() {
        return "tftpd";
    }

    @Override
    public int defaultPort() {
        return 69;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public TftpdSettings read(Optional<MapView> section, SectionContext context) {
        return read(section, context.problems());
    }

    static TftpdSettings read(Optional<MapView> section, Problems problems) {
        TftpdSettings d = TftpdSettings.defaults();
        if (section.isEmpty()) {
            return d;
        }
        MapView t = section.get();
        List<TftpdSettings.NameRule> rules = t.has("name_rules") ? rules(t, problems) : d.nameRules();
        return new TftpdSettings(
                t.integer("max_blksize", d.maxBlksize(), 8, 65464),
                t.integer("timeout_ms", d.timeoutMillis(), 100, 255_000),
                t.integer("retries", d.retries(), 1, 50),
                t.integer("max_window", d.maxWindow(), 1, 65535),
                t.integer("max_transfers", d.maxTransfers(), 1, 100_000),
                t.integer("max_per_client", d.maxPerClient(), 1, 10_000),
                t.bool("case_insensitive", d.caseInsensitive()),
                rules);
    }

    /** A built-in rule by name ({@code backslashes}), or {@code {pattern: REGEX, replace: TEXT}}. */
    private static List<TftpdSettings.NameRule> rules(MapView t, Problems problems) {
        List<TftpdSettings.NameRule> out = new ArrayList<>();
        for (MapView.Item item : t.list("name_rules")) {
            if (item.node() instanceof Node.ScalarNode s) {
                TftpdSettings.BUILT_IN.stream().filter(r -> r.name().equals(s.text())).findFirst()
                        .ifPresentOrElse(out::add, () -> problems.add(s.at(), item.path(), "no built-in rule '"
                                + s.text() + "'; built-in: backslashes, drive_letter, leading_dot_slash, leading_slash"));
                continue;
            }
            MapView.of(item.node(), item.path(), problems).ifPresent(m -> {
                m.allowOnly("pattern", "replace");
                Optional<String> pattern = m.requiredString("pattern");
                String replace = m.string("replace", "");
                pattern.ifPresent(p -> {
                    try {
                        Pattern compiled = Pattern.compile(p);
                        compiled.matcher("").replaceAll(replace);
                        out.add(new TftpdSettings.NameRule(item.path(), compiled, replace));
                    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                        problems.add(m.at("pattern"), m.keyPath("pattern"), "not a valid rule: " + e.getMessage());
                    }
                });
            });
        }
        return out;
    }
}
