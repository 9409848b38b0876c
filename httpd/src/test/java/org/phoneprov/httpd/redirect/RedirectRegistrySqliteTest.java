package org.phoneprov.httpd.redirect;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.events.StoreException;

/** The registry's decisions over the real SQLite store; "reopened" closes the file and opens it again. */
class RedirectRegistrySqliteTest extends RedirectRegistryContract {
    @TempDir
    Path stateDir;
    private RegistrationStore sqlite;

    @Override
    Registrations newStore() throws StoreException {
        sqlite = RegistrationStore.open(stateDir);
        return sqlite;
    }

    @Override
    Registrations reopened() throws StoreException {
        sqlite.close();
        sqlite = RegistrationStore.open(stateDir);
        return sqlite;
    }

    @AfterEach
    void close() {
        sqlite.close();
    }
}
