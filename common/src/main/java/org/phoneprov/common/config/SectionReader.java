package org.phoneprov.common.config;

import java.util.Optional;
import java.util.Set;

/**
 * Reads one daemon's section of the shared config. It owns everything about that section:
 * its name, its default port, the keys it allows beside the listen keys every daemon
 * has ({@code enabled}, {@code bind}, {@code interface}, {@code port}), and its settings
 * record. Adding a daemon's section is one of these, one record and the daemon's line in
 * the CLI's {@code DaemonRegistry}.
 *
 * @param <S> the section's immutable settings record
 */
public interface SectionReader<S> {
    /** The section's key at the top of the config, and the daemon's name ({@code dhcpd}). */
    String name();

    int defaultPort();

    /** Whether the daemon runs when its section is absent. */
    default boolean enabledWithoutSection() {
        return false;
    }

    /** The section's own keys, beside the listen keys. */
    Set<String> keys();

    /**
     * The settings, from the section when there is one; defaults otherwise. Problems go to
     * {@code context.problems()} with their location; a reader never throws for bad input.
     */
    S read(Optional<MapView> section, SectionContext context);

    /**
     * Checks that need the whole config (devices, identity, other sections), run once every
     * section is read. {@code root} is the config's top, to locate what is wrong.
     */
    default void check(Section<S> section, SuiteConfig whole, MapView root, Problems problems) {
    }
}
