package org.phoneprov.dhcpd.lease;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.pg.PgDatabase;

/** The lease store the config's {@code store:} selects, for dhcpd and for the tools that read its leases. */
public final class LeaseStores {
    private LeaseStores() {
    }

    /** The store dhcpd writes: {@code <paths.state>/leases.db}, or the PostgreSQL database. */
    public static LeaseStore open(SuiteConfig c) throws StoreException {
        return switch (c.store().type()) {
            case SQLITE -> SqliteLeaseStore.open(c.paths().state());
            case POSTGRESQL -> PgLeaseStore.open(c.store());
        };
    }

    /**
     * Every stored lease, for tools that only read ({@code phoneprov leases}, notify, the API).
     * An SQLite file that dhcpd has not made yet holds none, and is not created here.
     */
    public static List<Lease> read(SuiteConfig c) throws StoreException {
        switch (c.store().type()) {
            case POSTGRESQL -> {
                try (PgDatabase db = PgDatabase.connect(c.store(), "leases-reader")) {
                    db.requireKnownSchema();
                    return PgLeaseStore.readAll(db);
                }
            }
            default -> {
                Path state = c.paths().state();
                if (!Files.exists(state.resolve(SqliteLeaseStore.FILE_NAME))) {
                    return List.of();
                }
                try (SqliteLeaseStore store = SqliteLeaseStore.open(state)) {
                    return store.loadAll();
                }
            }
        }
    }
}
