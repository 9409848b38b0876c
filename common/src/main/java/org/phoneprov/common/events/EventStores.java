package org.phoneprov.common.events;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.phoneprov.common.config.SuiteConfig;

/**
 * The event store the config's {@code store:} selects, as {@code LeaseStores} does for leases:
 * the segment files under {@code <paths.state>/events} (the default, {@code sqlite}), or the
 * {@code event} table of the shared PostgreSQL database.
 */
public final class EventStores {
    private EventStores() {
    }

    /** The store the running suite (or {@code phoneprov notify}) records into. */
    public static EventStore open(SuiteConfig c) throws StoreException {
        return switch (c.store().type()) {
            case SQLITE -> EventLog.open(c.paths().state());
            case POSTGRESQL -> PgEventLog.open(c.store(), node());
        };
    }

    /** The history for a tool that only reads it; close it after (a PostgreSQL pool). */
    public static EventHistory reader(SuiteConfig c) throws StoreException {
        return switch (c.store().type()) {
            case SQLITE -> EventLog.history(c.paths().state());
            case POSTGRESQL -> PgEventReader.connect(c.store());
        };
    }

    /**
     * This node's name in the shared table: the kernel's host name (what {@code hostname} prints),
     * read from /proc so no DNS lookup can stall a start; else Java's idea of it.
     */
    static String node() {
        try {
            Path proc = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(proc)) {
                String name = Files.readString(proc).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
