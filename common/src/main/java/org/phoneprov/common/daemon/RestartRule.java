package org.phoneprov.common.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.phoneprov.common.config.SectionReader;
import org.phoneprov.common.config.SuiteConfig;

/**
 * A part of the config a running daemon cannot change under way (a socket's address, an
 * allocator's pools): the key the admin reads in the log, and how to get its value.
 */
public record RestartRule(String key, Function<SuiteConfig, ?> value) {
    /** The listen keys of every section: a bound socket stays where it is. */
    public static RestartRule listen(SectionReader<?> section) {
        String n = section.name();
        return new RestartRule(n + ".enabled/bind/interface/port", c -> c.listen(section));
    }

    /** The keys among {@code rules} whose values differ between the two configs, in rule order. */
    public static List<String> changed(List<RestartRule> rules, SuiteConfig before, SuiteConfig next) {
        List<String> keys = new ArrayList<>();
        for (RestartRule r : rules) {
            if (!Objects.equals(r.value.apply(before), r.value.apply(next))) {
                keys.add(r.key);
            }
        }
        return keys;
    }
}
