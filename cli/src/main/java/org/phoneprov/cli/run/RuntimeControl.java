package org.phoneprov.cli.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.phoneprov.cli.Loaded;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.DhcpdReader;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.dhcpd.server.DhcpDaemon;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventQuery;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.common.provision.Model;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseStores;
import org.phoneprov.sipd.notify.NotifyResult;
import org.phoneprov.sipd.notify.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running suite as {@link SuiteControl}: each call does what the matching CLI command does. */
final class RuntimeControl implements SuiteControl {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeControl.class);
    private final SuiteRuntime runtime;
    private final Path configFile;
    private final DaemonRegistry registry;

    RuntimeControl(SuiteRuntime runtime, Path configFile, DaemonRegistry registry) {
        this.runtime = runtime;
        this.configFile = configFile.toAbsolutePath().normalize();
        this.registry = registry;
    }

    @Override
    public Path configFile() {
        return configFile;
    }

    @Override
    public ProvisioningSnapshot snapshot() {
        return runtime.snapshot();
    }

    @Override
    public Map<String, InetSocketAddress> listening() {
        return Map.copyOf(runtime.bound());
    }

    @Override
    public List<Problem> check(Map<Path, String> replaced) {
        Loaded.Outcome o = Loaded.load(configFile, registry, Optional.of(runtime.snapshot()), replaced);
        return o instanceof Loaded.Failed f ? f.problems() : List.of();
    }

    @Override
    public ReloadOutcome reload() {
        SuiteRuntime.Reload r = runtime.reload();
        if (r instanceof SuiteRuntime.Reload.Refused x) {
            return new ReloadOutcome(x.problems(), Map.of(), Map.of());
        }
        SuiteRuntime.Reload.Done d = (SuiteRuntime.Reload.Done) r;
        return new ReloadOutcome(List.of(), d.waiting(), d.refused());
    }

    @Override
    public NotifyOutcome notify(Optional<Mac> mac, Optional<Model> model, boolean reboot) {
        SuiteConfig c = runtime.snapshot().config();
        Selection s = mac.<Selection>map(Selection::mac).or(() -> model.map(Selection::model)).orElse(Selection.all());
        try {
            CheckSync.Sent sent = CheckSync.send(c, s, reboot, runtime::events, LOG::info,
                    w -> LOG.warn("notify.warning {}", w));
            List<PhoneNotified> out = new ArrayList<>();
            for (NotifyResult n : sent.results()) {
                out.add(new PhoneNotified(n.mac(), n.target() == null ? ""
                        : n.target().getAddress().getHostAddress() + ":" + n.target().getPort(),
                        n.eventResult(), n.detail(), n.took().toMillis()));
            }
            return new NotifyOutcome(sent.errors(), out);
        } catch (java.net.BindException e) {
            return new NotifyOutcome(List.of(e.getMessage()), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotifyOutcome(List.of("interrupted"), List.of());
        } catch (Exception e) {
            return new NotifyOutcome(List.of("check-sync failed: " + e), List.of());
        }
    }

    @Override
    public List<LeaseRow> leases() throws StoreException {
        List<LeaseRow> rows = new ArrayList<>();
        Optional<Daemon> dhcpd = runtime.daemon(DhcpdReader.SECTION.name());
        List<Lease> stored = dhcpd.isPresent() && dhcpd.get() instanceof DhcpDaemon d ? d.storedLeases()
                : LeaseStores.read(runtime.snapshot().config());
        for (Lease l : stored) {
            rows.add(new LeaseRow(Ip4.toString(l.address()), l.mac(), l.clientClass(), l.expiresAt(),
                    l.state().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return rows;
    }

    @Override
    public List<Event> events(EventQuery q) throws IOException {
        return runtime.eventStore().orElseThrow(RuntimeControl::stopped).read(q);
    }

    @Override
    public void history(Consumer<Event> each) throws IOException {
        runtime.eventStore().orElseThrow(RuntimeControl::stopped).scan(each);
    }

    @Override
    public void subscribe(Consumer<List<Event>> listener) {
        runtime.eventStore().ifPresent(log -> log.subscribe(listener));
    }

    @Override
    public void unsubscribe(Consumer<List<Event>> listener) {
        runtime.eventStore().ifPresent(log -> log.unsubscribe(listener));
    }

    /** The event store lives from the suite's start to its close; a call outside that finds none. */
    private static IOException stopped() {
        return new IOException("the suite is not running: no event store is open");
    }
}
