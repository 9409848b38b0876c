package org.phoneprov.acsd.session;

import java.nio.file.Files;
import java.util.Optional;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.StoreException;

/** The ACS store the config's {@code store:} selects, for acsd and for the tools that read it. */
public final class AcsStores {
    private AcsStores() {
    }

    /** What acsd writes: {@code <paths.state>/acs.db}, or the {@code acs} table of the PostgreSQL database. */
    public static AcsStore open(SuiteConfig c) throws StoreException {
        return c.store().type() == StoreSettings.Type.SQLITE ? SqliteAcsStore.open(c.paths().state())
                : PgAcsStore.open(c.store());
    }

    /** For a tool that only reads ({@code phoneprov acs devices}): empty when acsd never made its SQLite file. */
    public static Optional<AcsStore> read(SuiteConfig c) throws StoreException {
        if (c.store().type() == StoreSettings.Type.SQLITE
                && !Files.exists(c.paths().state().resolve(SqliteAcsStore.FILE_NAME))) {
            return Optional.empty();
        }
        return Optional.of(open(c));
    }
}
