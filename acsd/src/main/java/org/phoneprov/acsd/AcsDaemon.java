package org.phoneprov.acsd;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.phoneprov.acsd.auth.CpeAuth;
import org.phoneprov.acsd.auth.NonceBook;
import org.phoneprov.acsd.model.AccountPush;
import org.phoneprov.acsd.session.Task;
import org.phoneprov.acsd.session.AcsStore;
import org.phoneprov.acsd.session.MemoryAcsStore;
import org.phoneprov.acsd.session.SqliteAcsStore;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.common.config.AcsdReader;
import org.phoneprov.common.config.StoreSettings;
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

    public AcsDaemon(SuiteServices suite) throws Exception {
        SuiteConfig c = suite.initial();
        this.pushed = c;
        this.accounts = new AccountPush(suite.current());
        this.metrics = new AcsMetrics(suite.metrics().registry());
        this.store = store(c);
        this.queue = new TaskQueue(store, Clock.systemUTC());
        this.context = new AcsContext(suite.current(), queue,
                new CpeAuth(new NonceBook(NONCES, NONCE_MILLIS), c.settings(AcsdReader.SECTION).realm()), accounts,
                suite.events(), metrics, new RateLimitedLog(LOG), Clock.systemUTC());
        this.server = new AcsServer(c.listen(AcsdReader.SECTION), c.settings(AcsdReader.SECTION).tls());
    }

    /**
     * {@code <paths.state>/acs.db} with the suite's SQLite store; with PostgreSQL, memory for now
     * (tasks queued then are lost on restart; accounts are pushed again at each device's boot).
     */
    private static AcsStore store(SuiteConfig c) throws StoreException {
        if (c.store().type() == StoreSettings.Type.SQLITE) {
            return SqliteAcsStore.open(c.paths().state());
        }
        LOG.warn("acsd.store_in_memory store={} (acsd keeps its tasks in PostgreSQL in a later version;"
                + " until then they live in memory)", c.store().type().word());
        return new MemoryAcsStore();
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
        pushed = next;
        if (!queued.isEmpty()) {
            LOG.info("acsd.push devices={} (account changes, sent at each device's next session)", queued.size());
        }
        return queued;
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
        metrics.close();
        if (store instanceof SqliteAcsStore s) {
            s.close();
        }
    }
}
