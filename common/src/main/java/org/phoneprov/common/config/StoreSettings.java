package org.phoneprov.common.config;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code store:}, where the suite keeps what it must remember (dhcpd's leases first): the
 * embedded SQLite files under {@code paths.state} (the default), or one PostgreSQL database that
 * several nodes can share (issue 14, item 1), with the same tables.
 *
 * @param type     which store
 * @param url      {@code jdbc:postgresql://host[:port]/database[?...]}; empty for SQLite
 * @param user     the database role; empty for SQLite
 * @param password the first line of {@code password_file}, read at load; never logged
 * @param poolSize the most connections this node opens (one writes leases, the others read)
 */
public record StoreSettings(Type type, String url, String user, Optional<String> password, int poolSize) {
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final StoreSettings SQLITE = new StoreSettings(Type.SQLITE, "", "", Optional.empty(),
            DEFAULT_POOL_SIZE);

    public enum Type {
        SQLITE, POSTGRESQL;

        /** The word the config uses: {@code sqlite}, {@code postgresql}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The password never appears in a log line, an error or a thread dump. */
    @Override
    public String toString() {
        return type == Type.SQLITE ? "store[sqlite]"
                : "store[postgresql " + url + " user=" + user + " password=" + (password.isPresent() ? "***" : "none")
                        + " pool=" + poolSize + "]";
    }
}
