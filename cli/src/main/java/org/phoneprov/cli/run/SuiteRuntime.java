package org.phoneprov.cli.run;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.phoneprov.cli.Loaded;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.events.EventLog;
import org.phoneprov.common.net.AddressBook;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.LeaseAwareResolver;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;
import org.phoneprov.dhcpd.lease.SqliteLeaseStore;
import org.phoneprov.dhcpd.server.DhcpServer;
import org.phoneprov.httpd.HttpServer;
import org.phoneprov.sipd.server.SipServer;
import org.phoneprov.tftpd.server.TftpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running suite: the current snapshot, the event store and the daemons. A reload
 * loads and renders the config off to the side and swaps the snapshot in one step;
 * when anything is wrong the old snapshot keeps serving.
 */
public final class SuiteRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteRuntime.class);
    private final Path configFile;
    private final Set<String> only;
    private final AtomicReference<ProvisioningSnapshot> current = new AtomicReference<>();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, InetSocketAddress> bound = new LinkedHashMap<>();
    private EventLog events;
    private DhcpServer dhcp;
    /** Who holds which address: dhcpd writes it, httpd and tftpd name devices in events by it. */
    private final AddressBook leased = new AddressBook();
    private final FileResolver files = new LeaseAwareResolver(current::get, leased);

    public SuiteRuntime(Path configFile, Set<String> only) {
        this.configFile = configFile;
        this.only = only;
    }

    /** Loads the config and starts every enabled daemon; on any failure nothing is left running. */
    public void start(ProvisioningSnapshot snapshot) throws Exception {
        current.set(snapshot);
        SuiteConfig c = snapshot.config();
        try {
            events = EventLog.open(c.paths().state());
            for (DaemonConfig d : c.daemons()) {
                if (!wanted(d)) {
                    continue;
                }
                switch (d.name()) {
                    case "httpd" -> {
                        HttpServer s = new HttpServer(d, c.http(), () -> files, () -> current.get().config(), events);
                        running.add(s);
                        bound.put("httpd", s.start());
                        s.tlsAddress().filter(a -> c.http().plainHttp()).ifPresent(a -> bound.put("httpd-tls", a));
                    }
                    case "dhcpd" -> {
                        SqliteLeaseStore leases = SqliteLeaseStore.open(c.paths().state());
                        running.add(leases);
                        dhcp = new DhcpServer(c, leases, events, leased);
                        running.add(dhcp);
                        bound.put("dhcpd", dhcp.start());
                    }
                    case "tftpd" -> {
                        TftpServer s = new TftpServer(c, () -> files, events);
                        running.add(s);
                        bound.put("tftpd", s.start());
                    }
                    case "sipd" -> {
                        SipServer s = new SipServer(c, () -> current.get().config().sip().pnp(), events);
                        running.add(s);
                        bound.put("sipd", s.start());
                    }
                    default -> LOG.warn("daemon.unavailable daemon={} (not built in this version; skipped)", d.name());
                }
            }
        } catch (Exception e) {
            close();
            throw e;
        }
        if (running.isEmpty()) {
            LOG.warn("suite.idle (no daemon enabled{}; enable one in the config)", only.isEmpty() ? "" : " among --only " + only);
        }
        StringBuilder listening = new StringBuilder();
        bound.forEach((name, a) -> listening.append(listening.length() == 0 ? "" : ",").append(name).append('@')
                .append(a.getAddress().getHostAddress()).append(':').append(a.getPort()));
        LOG.info("suite.started config={} devices={} daemons={}", configFile, c.devices().size(),
                listening.length() == 0 ? "none" : listening);
    }

    private boolean wanted(DaemonConfig d) {
        return only.isEmpty() ? d.enabled() : only.contains(d.name());
    }

    public Map<String, InetSocketAddress> bound() {
        return bound;
    }

    public ProvisioningSnapshot snapshot() {
        return current.get();
    }

    public EventSink events() {
        return events;
    }

    public Optional<EventLog> eventStore() {
        return Optional.ofNullable(events);
    }

    /** SIGHUP: a valid config takes effect at once; an invalid one is refused and logged, the old one serves. */
    public synchronized boolean reload() {
        ProvisioningSnapshot old = current.get();
        Loaded.Outcome o = Loaded.load(configFile, Optional.of(old));
        if (o instanceof Loaded.Failed f) {
            LOG.error("config.reload_refused config={} errors={} (the previous config keeps serving)",
                    configFile, f.problems().size());
            for (Problem p : f.problems()) {
                LOG.error("config.error {}", p);
            }
            return false;
        }
        ProvisioningSnapshot next = ((Loaded.Ok) o).snapshot();
        for (DaemonConfig d : next.config().daemons()) {
            DaemonConfig before = old.config().daemons().stream().filter(x -> x.name().equals(d.name())).findFirst().orElseThrow();
            if (!before.equals(d)) {
                LOG.warn("config.restart_needed daemon={} (listen settings changed; they apply at the next start)", d.name());
            }
        }
        if (bound.containsKey("httpd") && !old.config().http().tls().equals(next.config().http().tls())) {
            LOG.warn("config.restart_needed daemon=httpd key=httpd.tls (certificates and listeners apply at the next"
                    + " start; httpd.access reloads now)");
        }
        if (bound.containsKey("tftpd") && !old.config().tftp().equals(next.config().tftp())) {
            LOG.warn("config.restart_needed daemon=tftpd key=\"tftpd limits or name rules\" (files reload now; "
                    + "these apply at the next start)");
        }
        SipdSettings.Pnp pnpBefore = old.config().sip().pnp();
        SipdSettings.Pnp pnpNext = next.config().sip().pnp();
        if (bound.containsKey("sipd") && (!pnpBefore.group().equals(pnpNext.group())
                || !pnpBefore.interfaces().equals(pnpNext.interfaces()))) {
            LOG.warn("config.restart_needed daemon=sipd key=\"sipd.pnp group or interfaces\" (rules and allowed"
                    + " subnets reload now; these apply at the next start)");
        }
        if (!old.config().paths().state().equals(next.config().paths().state())) {
            LOG.warn("config.restart_needed key=paths.state (applies at the next start)");
        }
        current.set(next);
        if (dhcp != null) {
            dhcp.reload(next.config());
        }
        LOG.info("config.reloaded config={} devices={} changed_mac_configs={}", configFile,
                next.config().devices().size(), changed(old, next));
        return true;
    }

    private static long changed(ProvisioningSnapshot a, ProvisioningSnapshot b) {
        long n = 0;
        for (Map.Entry<String, ServedFile.Generated> e : b.macConfigs().entrySet()) {
            ServedFile.Generated before = a.macConfigs().get(e.getKey());
            if (before == null || !before.etag().equals(e.getValue().etag())) {
                n++;
            }
        }
        return n + (a.shared(Transport.HTTP).keySet().equals(b.shared(Transport.HTTP).keySet()) ? 0 : 1);
    }

    @Override
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("daemon.stop_failed error=\"{}\"", e.toString());
            }
        }
        running.clear();
        if (events != null) {
            events.close();
            events = null;
        }
    }
}
