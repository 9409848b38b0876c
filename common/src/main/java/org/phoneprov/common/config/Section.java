package org.phoneprov.common.config;

/** One daemon's section, read: where it listens and its own settings. */
public record Section<S>(DaemonConfig listen, S settings) {
    public String name() {
        return listen.name();
    }
}
