package org.phoneprov.testsupport;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.phoneprov.common.config.StoreSettings;

/**
 * One {@link PgServer} for a test class, with a login role; each test takes a fresh database
 * ({@link #newStore}) so tests never see each other's rows. Register it as a static field:
 * {@code @RegisterExtension static final PgServerPerClass PG = new PgServerPerClass("phoneprov", "pw");}.
 * Skips the class where no server can be made (see {@link PgServer#require}).
 */
public final class PgServerPerClass implements BeforeAllCallback, AfterAllCallback {
    private final String role;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();
    private PgServer server;

    public PgServerPerClass(String role, String password) {
        this.role = role;
        this.password = password;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        PgServer.require();
        server = PgServer.start();
        server.createRole(role, password);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public PgServer server() {
        return server;
    }

    /** A new, empty database the role owns, named {@code prefix} and a number. */
    public StoreSettings newStore(String prefix) {
        return server.newStore(prefix + databases.incrementAndGet(), role, password);
    }
}
