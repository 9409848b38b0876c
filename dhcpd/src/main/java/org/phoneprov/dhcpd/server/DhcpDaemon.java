package org.phoneprov.dhcpd.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phoneprov.common.config.DhcpdReader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.ReloadResult;
import org.phoneprov.common.daemon.RestartRule;
import org.phoneprov.common.daemon.SuiteServices;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseStore;
import org.phoneprov.dhcpd.lease.LeaseStores;
import org.phoneprov.dhcpd.lease.PgLeaseStore;

/** dhcpd in the suite: its lease store and its server, and what a reload cannot change. */
public final class DhcpDaemon implements Daemon {
    public static final DaemonSpec SPEC = new DaemonSpec(DhcpdReader.SECTION, DhcpDaemon::new);

    /** Subnets, pools, lease settings and fixed addresses shape the allocator's state. */
    static final List<RestartRule> RESTART = List.of(
            RestartRule.listen(DhcpdReader.SECTION),
            new RestartRule("dhcpd.subnets/lease_time/offer_hold/decline_hold/rate_limit/server_id",
                    c -> c.dhcp().withoutLocations()),
            new RestartRule("devices' fixed addresses", DhcpDaemon::fixedAddresses),
            new RestartRule("suite.address (the server id)", c -> c.dhcp().serverAddress(c.identity())),
            new RestartRule("paths.state", c -> c.paths().state()),
            new RestartRule("store", SuiteConfig::store));

    private final SuiteServices suite;
    /** Registered when the daemon is made, so a scrape lists dhcpd's metrics even before it binds. */
    private final DhcpMetrics metrics;
    private LeaseStore leases;
    private DhcpServer server;

    public DhcpDaemon(SuiteServices suite) {
        this.suite = suite;
        this.metrics = new DhcpMetrics(suite.metrics().registry());
    }

    @Override
    public synchronized Map<String, InetSocketAddress> start() throws Exception {
        SuiteConfig c = suite.initial();
        leases = LeaseStores.open(c);
        try {
            server = new DhcpServer(c, leases, suite.events(), suite.leased(), metrics);
            InetSocketAddress at = server.start();
            server.ha().ifPresent(ha -> suite.pair().install(ha::answersPhone));
            return Map.of("dhcpd", at);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * Every stored lease, for readers inside the running suite (the management API): from the
     * running PostgreSQL store's own pool when there is one, so a call opens no second pool;
     * from a reader of the SQLite file otherwise (the file's writer is the committer's alone).
     */
    public synchronized List<Lease> storedLeases() throws StoreException {
        if (leases instanceof PgLeaseStore pg) {
            return pg.loadAll();
        }
        return LeaseStores.read(suite.current().get());
    }

    @Override
    public synchronized ReloadResult reload(SuiteConfig before, SuiteConfig next) {
        if (server != null) {
            server.reload(next);
        }
        return ReloadResult.restartFor(RestartRule.changed(RESTART, before, next),
                "classes, options and the inventory's classes apply now");
    }

    @Override
    public synchronized void close() {
        suite.pair().solo();
        if (server != null) {
            server.close();
            server = null;
        }
        if (leases != null) {
            leases.close();
            leases = null;
        }
        metrics.close();
    }

    private static Map<Mac, InetAddress> fixedAddresses(SuiteConfig c) {
        Map<Mac, InetAddress> m = new HashMap<>();
        c.devices().values().forEach(d -> d.address().ifPresent(a -> m.put(d.mac(), a)));
        return m;
    }
}
