package org.phoneprov.httpd;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.pg.PgChanges;
import org.phoneprov.common.pg.PgDatabase;
import org.phoneprov.httpd.activation.ActivationStore;
import org.phoneprov.httpd.activation.ActivationUses;
import org.phoneprov.httpd.activation.Activations;
import org.phoneprov.httpd.activation.PgActivationStore;
import org.phoneprov.httpd.redirect.PgRegistrationStore;
import org.phoneprov.httpd.redirect.RedirectRegistry;
import org.phoneprov.httpd.redirect.RegistrationStore;
import org.phoneprov.httpd.redirect.Registrations;
import org.phoneprov.httpd.redirect.XmlRpcService;
import org.slf4j.LoggerFactory;

/**
 * What the Gigaset endpoints keep beyond a request: the redirect registrations and the uses of
 * activation codes, in the store {@code store:} picks: two SQLite files in the state folder, or
 * two tables of the PostgreSQL database that several nodes share (one pool, and one connection
 * following the other nodes' writes). Opened at start, so a damaged file or an unusable database
 * is a failed start that names it; and the one thread that writes them. Writes wait for a
 * durable commit, which must never happen on an event loop; one thread also serialises them.
 */
final class GigasetServices implements AutoCloseable {
    /** Calls waiting for the store; more get 503 (management calls and code uses are rare). */
    static final int QUEUE = 256;

    /** What to close after the writer, in order. */
    private final List<AutoCloseable> stores;
    final RedirectRegistry registry;
    final XmlRpcService rpc;
    final Activations activations;
    final ExecutorService writer;

    private GigasetServices(Registrations registrations, ActivationUses uses, List<AutoCloseable> stores) {
        this.stores = stores;
        this.registry = new RedirectRegistry(registrations, System::currentTimeMillis);
        this.rpc = new XmlRpcService(registry);
        this.activations = new Activations(uses, System::currentTimeMillis);
        ThreadPoolExecutor w = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "httpd-gigaset");
                    t.setDaemon(true);
                    return t;
                });
        this.writer = w;
    }

    static GigasetServices open(SuiteConfig c) throws StoreException {
        return switch (c.store().type()) {
            case SQLITE -> openSqlite(c.paths().state());
            case POSTGRESQL -> openPostgresql(c.store());
        };
    }

    private static GigasetServices openSqlite(Path stateDir) throws StoreException {
        RegistrationStore r = RegistrationStore.open(stateDir);
        try {
            ActivationStore a = ActivationStore.open(stateDir);
            return new GigasetServices(r, a, List.of(r, a));
        } catch (StoreException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private static GigasetServices openPostgresql(StoreSettings settings) throws StoreException {
        PgDatabase db = PgDatabase.open(settings, "httpd-gigaset");
        try {
            PgRegistrationStore r = PgRegistrationStore.open(db);
            PgActivationStore a = PgActivationStore.open(db);
            PgChanges changes = new PgChanges(db, "httpd-gigaset").follow(PgRegistrationStore.CHANNEL, r)
                    .follow(PgActivationStore.CHANNEL, a);
            changes.start();
            return new GigasetServices(r, a, List.of(changes, db));
        } catch (StoreException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable s : stores) {
            try {
                s.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(GigasetServices.class).warn("httpd.gigaset_close_failed error=\"{}\"",
                        e.toString());
            }
        }
    }
}
