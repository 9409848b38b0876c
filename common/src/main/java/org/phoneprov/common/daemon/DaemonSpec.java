package org.phoneprov.common.daemon;

import org.phoneprov.common.config.SectionReader;

/**
 * A daemon the suite can run: the config section it reads and how to make one. A registry
 * of these (the CLI's {@code DaemonRegistry}) is all the runtime knows of daemons.
 */
public record DaemonSpec(SectionReader<?> section, Factory factory) {
    public String name() {
        return section.name();
    }

    /** Makes the daemon; binding waits for {@link Daemon#start()}. */
    @FunctionalInterface
    public interface Factory {
        Daemon create(SuiteServices services) throws Exception;
    }
}
