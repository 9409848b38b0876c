package org.phoneprov.httpd;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.httpd.activation.ActivationStore;
import org.phoneprov.httpd.activation.Activations;
import org.phoneprov.httpd.redirect.RedirectRegistry;
import org.phoneprov.httpd.redirect.RegistrationStore;
import org.phoneprov.httpd.redirect.XmlRpcService;

/**
 * What the Gigaset endpoints keep beyond a request: the redirect registrations and the uses of
 * activation codes (both SQLite files in the state folder, opened at start so a damaged one is a
 * failed start that names it), and the one thread that writes them. Writes wait for an fsync,
 * which must never happen on an event loop; one thread also serialises them, as SQLite would.
 */
final class GigasetServices implements AutoCloseable {
    /** Calls waiting for the store; more get 503 (management calls and code uses are rare). */
    static final int QUEUE = 256;

    private final RegistrationStore registrations;
    private final ActivationStore uses;
    final RedirectRegistry registry;
    final XmlRpcService rpc;
    final Activations activations;
    final ExecutorService writer;

    private GigasetServices(RegistrationStore registrations, ActivationStore uses) {
        this.registrations = registrations;
        this.uses = uses;
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

    static GigasetServices open(Path stateDir) throws StoreException {
        RegistrationStore r = RegistrationStore.open(stateDir);
        try {
            return new GigasetServices(r, ActivationStore.open(stateDir));
        } catch (StoreException | RuntimeException e) {
            r.close();
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
        registrations.close();
        uses.close();
    }
}
