package org.phoneprov.acsd;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.phoneprov.acsd.request.ConnectionRequestCredentials;
import org.phoneprov.acsd.request.ConnectionRequester;
import org.phoneprov.common.mac.Mac;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.phoneprov.acsd.auth.CpeAuth;
import org.phoneprov.acsd.auth.NonceBook;
import org.phoneprov.acsd.model.AccountPush;
import org.phoneprov.acsd.session.Task;
import org.phoneprov.acsd.session.AcsStore;
import org.phoneprov.acsd.session.AcsStores;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.common.config.AcsdReader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.ReloadResult;
import org.phoneprov.common.daemon.RestartRule;
import org.phoneprov.common.daemon.SuiteServices;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TR-069 ACS in the suite ({@code acsd:}): CPEs Inform it, it answers and sends them the
 * RPCs queued for them ({@link #queue()}). The inventory (credentials) and
 * {@code max_envelope_bytes} apply at once on SIGHUP (to new connections); the listener, its
 * certificate and the digest realm wait for a restart.
 */
public final class AcsDaemon implements Daemon {
    public static final DaemonSpec SPEC = new DaemonSpec(AcsdReader.SECTION, AcsDaemon::new);
    private static final Logger LOG = LoggerFactory.getLogger(AcsDaemon.class);
    /** Nonces outstanding at once, and how long one is good for. */
    static final int NONCES = 10_000;
    static final long NONCE_MILLIS = 300_000;

    static final List<RestartRule> RESTART = List.of(
            RestartRule.listen(AcsdReader.SECTION),
            new RestartRule("acsd.tls", c -> c.settings(AcsdReader.SECTION).tls().map(k -> k.certPath() + " "
                    + k.keyPath())),
            new RestartRule("acsd.realm", c -> c.settings(AcsdReader.SECTION).realm()));

    private final AccountPush accounts;
    /** The config whose accounts were last pushed; a reload pushes what changed since. */
    private SuiteConfig pushed;
    private final AcsServer server;
    private final AcsMetrics metrics;
    private final AcsStore store;
    private final TaskQueue queue;
    private final AcsContext context;
    private final ConnectionRequester requester;
    private final java.util.concurrent.ExecutorService requestThreads;
    private final org.phoneprov.common.events.EventSink events;

    public AcsDaemon(SuiteServices suite) throws Exception {
        SuiteConfig c = suite.initial();
        this.pushed = c;
        this.accounts = new AccountPush(suite.current());
        this.metrics = new AcsMetrics(suite.metrics().registry());
        this.store = AcsStores.open(c);
        this.queue = new TaskQueue(store, Clock.systemUTC());
        this.context = new AcsContext(suite.current(), queue,
                new CpeAuth(new NonceBook(NONCES, NONCE_MILLIS), c.settings(AcsdReader.SECTION).realm()), accounts,
                suite.events(), metrics, new RateLimitedLog(LOG), Clock.systemUTC());
        this.server = new AcsServer(c.listen(AcsdReader.SECTION), c.settings(AcsdReader.SECTION).tls());
        this.events = suite.events();
        this.requestThreads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "acsd-connection-request");
            t.setDaemon(true);
            return t;
        });
        this.requester = new ConnectionRequester(requestThreads);
    }

    /** Each device's tasks: queue an RPC here and it goes out in the device's next session. */
    public TaskQueue queue() {
        return queue;
    }

    @Override
    public Map<String, InetSocketAddress> start() throws Exception {
        InetSocketAddress a = server.start(context);
        LOG.info("acsd.listening address={}:{} tls={}", a.getAddress().getHostAddress(), a.getPort(), server.tls());
        return Map.of("acsd", a);
    }

    /**
     * Queues a SetParameterValues for every device the ACS knows whose accounts differ from the
     * last pushed config; it goes out in the device's next session.
     */
    public synchronized List<Task> pushAll(SuiteConfig next) {
        List<Task> queued = accounts.pushAll(pushed, next, queue);
        SuiteConfig was = pushed;
        pushed = next;
        if (!queued.isEmpty()) {
            LOG.info("acsd.push devices={} (account changes: each device is asked to call in now)", queued.size());
        }
        // The credentials the phone holds are the ones of the config it last got (a changed
        // http_password changes them with the push that is waiting).
        queued.forEach(t -> connectionRequest(t.device(), was));
        return queued;
    }

    /**
     * Asks the device to open a session now (TR-069 3.2.2) at the ConnectionRequestURL it last
     * reported, with the credentials the ACS set on it; logged, and an event of the device.
     */
    public CompletableFuture<ConnectionRequester.Outcome> connectionRequest(Mac mac, SuiteConfig credentialsFrom) {
        Optional<String> url = store.device(mac).flatMap(r -> Optional.ofNullable(store.parameters(mac)
                .get(r.root() + "ManagementServer.ConnectionRequestURL"))).filter(u -> !u.isBlank());
        Optional<ConnectionRequestCredentials> creds = credentialsFrom.device(mac)
                .flatMap(ConnectionRequestCredentials::of);
        CompletableFuture<ConnectionRequester.Outcome> done;
        if (url.isEmpty() || creds.isEmpty()) {
            done = CompletableFuture.completedFuture(new ConnectionRequester.Outcome(false, 0, url.isEmpty()
                    ? "no ConnectionRequestURL reported yet" : "no credentials for the device"));
        } else {
            URI target;
            try {
                target = URI.create(url.get());
            } catch (IllegalArgumentException e) {
                target = null;
            }
            done = target == null ? CompletableFuture.completedFuture(new ConnectionRequester.Outcome(false, 0,
                    "ConnectionRequestURL is not a URL")) : requester.request(target, creds.get());
        }
        return done.whenComplete((o, err) -> {
            if (o == null) {
                return;
            }
            LOG.info("acsd.connection_request mac={} url={} result={} ({})", mac.colon(), url.orElse("-"),
                    o.accepted() ? "accepted" : "failed", o.detail());
            events.record(new org.phoneprov.common.events.Event(java.time.Instant.now(), "acsd", "ConnectionRequest",
                    Optional.of(mac), url.orElse(""), o.accepted() ? "ok" : "failed " + o.status(), 0, 0,
                    Optional.empty()));
        });
    }

    @Override
    public ReloadResult reload(SuiteConfig before, SuiteConfig next) {
        pushAll(next);
        return ReloadResult.restartFor(RestartRule.changed(RESTART, before, next),
                "device credentials, accounts (queued for each device) and acsd.max_envelope_bytes apply now");
    }

    @Override
    public void close() {
        server.close();
        requestThreads.shutdownNow();
        metrics.close();
        if (store instanceof AutoCloseable s) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.warn("acsd.store_close error=\"{}\"", e.toString());
            }
        }
    }
}
