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
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.ReloadResult;
import org.phoneprov.common.daemon.SuiteServices;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.events.EventStore;
import org.phoneprov.common.events.EventStores;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.common.net.AddressBook;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.LeaseAwareResolver;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running suite: the current snapshot, the event store and the daemons of a
 * {@link DaemonRegistry}. A reload loads and renders the config off to the side and swaps
 * the snapshot in one step; when anything is wrong the old snapshot keeps serving. Each
 * daemon then says what of the new config it applied.
 */
public final class SuiteRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteRuntime.class);
    private final Path configFile;
    private final Set<String> only;
    private final DaemonRegistry registry;
    private final AtomicReference<ProvisioningSnapshot> current = new AtomicReference<>();
    /** Started daemons by name, in start order. */
    private final Map<String, Daemon> running = new LinkedHashMap<>();
    private final Map<String, InetSocketAddress> bound = new LinkedHashMap<>();
    private EventStore events;
    /** Who holds which address: dhcpd writes it, httpd and tftpd name devices in events by it. */
    private final AddressBook leased = new AddressBook();
    private final FileResolver files = new LeaseAwareResolver(current::get, leased);
    /** One registry for the process: a reload keeps every count. */
    private final SuiteMetrics metrics = new SuiteMetrics();

    /** What a SIGHUP did. */
    public sealed interface Reload {
        /**
         * The new config serves. {@code waiting}: per daemon, the keys that apply at the next
         * start; {@code refused}: per daemon that kept its previous settings, why.
         */
        record Done(Map<String, List<String>> waiting, Map<String, String> refused) implements Reload {
        }

        /** The config was invalid; the old one keeps serving everywhere. */
        record Refused(List<Problem> problems) implements Reload {
        }
    }

    public SuiteRuntime(Path configFile, Set<String> only) {
        this(configFile, only, DaemonRegistry.BUILT_IN);
    }

    public SuiteRuntime(Path configFile, Set<String> only, DaemonRegistry registry) {
        this.configFile = configFile;
        this.only = only;
        this.registry = registry;
    }

    /** Starts every wanted daemon on {@code snapshot}; on any failure nothing is left running. */
    public void start(ProvisioningSnapshot snapshot) throws Exception {
        current.set(snapshot);
        SuiteConfig c = snapshot.config();
        try {
            events = EventStores.open(c);
            SuiteServices services = new SuiteServices(c, () -> current.get().config(), () -> files, events, leased, metrics,
                    new RuntimeControl(this, configFile, registry), new org.phoneprov.common.daemon.PairShare());
            for (DaemonSpec spec : registry.specs()) {
                if (!wanted(spec, c)) {
                    continue;
                }
                Daemon d = spec.factory().create(services);
                running.put(spec.name(), d);
                bound.putAll(d.start());
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

    private boolean wanted(DaemonSpec spec, SuiteConfig c) {
        return only.isEmpty() ? c.listen(spec.section()).enabled() : only.contains(spec.name());
    }

    /** A started daemon by name. */
    public synchronized Optional<Daemon> daemon(String name) {
        return Optional.ofNullable(running.get(name));
    }

    public Map<String, InetSocketAddress> bound() {
        return bound;
    }

    public ProvisioningSnapshot snapshot() {
        return current.get();
    }

    public SuiteMetrics metrics() {
        return metrics;
    }

    public EventSink events() {
        return events;
    }

    public Optional<EventStore> eventStore() {
        return Optional.ofNullable(events);
    }

    /** SIGHUP: a valid config takes effect at once; an invalid one is refused and logged, the old one serves. */
    public synchronized Reload reload() {
        ProvisioningSnapshot old = current.get();
        Loaded.Outcome o = Loaded.load(configFile, registry, Optional.of(old));
        if (o instanceof Loaded.Failed f) {
            LOG.error("config.reload_refused config={} errors={} (the previous config keeps serving)",
                    configFile, f.problems().size());
            for (Problem p : f.problems()) {
                LOG.error("config.error {}", p);
            }
            return new Reload.Refused(f.problems());
        }
        ProvisioningSnapshot next = ((Loaded.Ok) o).snapshot();
        current.set(next);
        Map<String, List<String>> waiting = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        running.forEach((name, d) -> {
            ReloadResult r;
            try {
                r = d.reload(old.config(), next.config());
            } catch (RuntimeException e) {
                r = new ReloadResult.Refused(e.toString());
            }
            if (r instanceof ReloadResult.RestartNeeded n) {
                waiting.put(name, n.keys());
                LOG.warn("config.restart_needed daemon={} keys=\"{}\" ({}; these apply at the next start)",
                        name, String.join(", ", n.keys()), n.appliesNow());
            } else if (r instanceof ReloadResult.Refused x) {
                refused.put(name, x.reason());
                LOG.error("config.reload_refused daemon={} reason=\"{}\" (it keeps its previous settings;"
                        + " files already follow the new config)", name, x.reason());
            }
        });
        LOG.info("config.reloaded config={} devices={} changed_mac_configs={}", configFile,
                next.config().devices().size(), changed(old, next));
        return new Reload.Done(waiting, refused);
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
        List<Map.Entry<String, Daemon>> started = new ArrayList<>(running.entrySet());
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).getValue().close();
            } catch (RuntimeException e) {
                LOG.warn("daemon.stop_failed daemon={} error=\"{}\"", started.get(i).getKey(), e.toString());
            }
        }
        running.clear();
        if (events != null) {
            events.close();
            events = null;
        }
    }
}
