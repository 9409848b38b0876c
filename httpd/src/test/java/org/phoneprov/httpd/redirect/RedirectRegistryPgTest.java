package org.phoneprov.httpd.redirect;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.pg.PgDatabase;
import org.phoneprov.testsupport.PgServer;
import org.phoneprov.testsupport.PgServerPerClass;

/**
 * The registry's decisions over the PostgreSQL store against a real server; "reopened" closes the
 * pool and opens another, as a node's restart would.
 */
class RedirectRegistryPgTest extends RedirectRegistryContract {
    @RegisterExtension
    static final PgServerPerClass PG = new PgServerPerClass("phoneprov", "redirect-pw");
    /** One migrated database for the class, emptied per test: 69 migrations would take half a minute. */
    private static StoreSettings settings;
    private PgDatabase db;

    @Override
    Registrations newStore() throws Exception {
        if (settings == null) {
            settings = PG.newStore("redirect");
            try (PgDatabase admin = PgDatabase.connect(settings, "test")) {
                admin.migrate();
            }
        } else {
            PG.server().psql(PgServer.database(settings), "TRUNCATE registration");
        }
        return reopened();
    }

    @Override
    Registrations reopened() throws Exception {
        close();
        db = PgDatabase.open(settings, "test");
        return PgRegistrationStore.open(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
