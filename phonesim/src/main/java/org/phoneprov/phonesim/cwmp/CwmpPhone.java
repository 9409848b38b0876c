package org.phoneprov.phonesim.cwmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phoneprov.phonesim.net.HttpFetch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated phone's TR-069 CPE: its parameter tree, kept in {@code stateFile}; sessions with
 * its ACS on one thread of its own, opened at power-up ("1 BOOT", with "0 BOOTSTRAP" the first
 * time, TR-069 Amendment 6 3.7.1.5), every PeriodicInformInterval ("2 PERIODIC", 3.2.1), on a
 * Connection Request ("6 CONNECTION REQUEST", 3.2.2), and after what a session asked for:
 * Reboot ("1 BOOT" + "M Reboot"), Download ("7 TRANSFER COMPLETE" + "M Download", with
 * TransferComplete), FactoryReset (the factory tree, then "0 BOOTSTRAP"). A session that fails
 * before the InformResponse keeps its events and is retried after the wait of 3.2.1.1 (5 to 10
 * s the first time, doubling), with RetryCount counting.
 */
public final class CwmpPhone implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CwmpPhone.class);
    /** Follow-up sessions in a row (reboot after reboot) before the CPE waits for its next reason. */
    static final int MAX_CHAIN = 8;

    /** @param stateFile where the CPE keeps its state; empty: in memory only */
    public record Setup(CwmpRoot root, CpeIdentity id, AcsSettings acs, int lines, InetAddress listenAt,
                        Optional<Path> stateFile) {
    }

    private final Setup setup;
    private final HttpFetch http;
    private final Clock clock;
    private final CwmpStateStore store;
    private final CwmpReport report = new CwmpReport();
    private final ScheduledExecutorService thread;
    private final Set<CwmpEvent> pending = new LinkedHashSet<>();
    private ParameterTree tree;
    private boolean bootstrapped;
    private Optional<CwmpSession.Transfer> transfer = Optional.empty();
    private int retryCount;
    private ConnectionRequestServer cr;
    private ScheduledFuture<?> periodic;
    private long periodicSeconds;
    private volatile boolean closed;

    public CwmpPhone(Setup setup, HttpFetch http, Clock clock) {
        this.setup = setup;
        this.http = http;
        this.clock = clock;
        this.store = new CwmpStateStore(setup.stateFile());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(null, r, "cwmp-" + setup.id().serialNumber(), 256 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    /** Power-up: loads the state, opens the Connection Request listener, runs the boot session(s); then periodic. */
    public CwmpReport start(Duration wait) throws InterruptedException {
        try {
            thread.submit(this::powerUp).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            report.error("simulator error: " + e.getCause());
        } catch (TimeoutException e) {
            report.error("boot session not done within " + wait.toSeconds() + " s");
        }
        return report;
    }

    public CwmpReport report() {
        return report;
    }

    private void powerUp() {
        DataModel model = DataModel.tr104(setup.root());
        try {
            Optional<CwmpState> s = store.load(model);
            if (s.isPresent()) {
                tree = s.get().tree();
                bootstrapped = s.get().bootstrapped();
                pending.addAll(s.get().pending());
                transfer = s.get().transfer();
            }
        } catch (IOException e) {
            LOG.warn("cwmp.state.unreadable cpe={} error={}", setup.id().serialNumber(), e.getMessage());
        }
        if (tree == null) {
            tree = PhoneTree.factory(setup.root(), setup.id(), setup.acs(), setup.lines());
        }
        try {
            cr = new ConnectionRequestServer(setup.listenAt(), 0, this::crCredentials,
                    () -> thread.execute(() -> session(CwmpEvent.of(CwmpEvent.CONNECTION_REQUEST))), clock,
                    ConnectionRequestServer.LIMIT, ConnectionRequestServer.WINDOW);
            String url = cr.url();
            String was = tree.value(r("ManagementServer.ConnectionRequestURL")).orElse("");
            tree.put(r("ManagementServer.ConnectionRequestURL"), url);
            if (bootstrapped && !was.equals(url)) {
                // ConnectionRequestURL is under active notification by default (TR-106 3.2.1 / TR-098 3.2.1)
                pending.add(CwmpEvent.of(CwmpEvent.VALUE_CHANGE));
            }
        } catch (IOException e) {
            LOG.warn("cwmp.connection_request.unavailable cpe={} at={} error={}", setup.id().serialNumber(),
                    setup.listenAt().getHostAddress(), e.getMessage());
        }
        session(CwmpEvent.of(CwmpEvent.BOOT));
    }

    private ConnectionRequestServer.Credentials crCredentials() {
        // Read on the listener's thread: a snapshot of two strings is all it needs.
        ParameterTree t = tree;
        return new ConnectionRequestServer.Credentials(t.value(r("ManagementServer.ConnectionRequestUsername"))
                .orElse(""), t.value(r("ManagementServer.ConnectionRequestPassword")).orElse(""));
    }

    /**
     * One session for {@code reason} (null: a retry of the pending events) with every pending
     * event, then what it asked for; on the CPE's thread. Undelivered events stay pending for the
     * retry (3.7.1.5: the CPE retries "with the same events").
     */
    private void session(CwmpEvent reason) {
        for (int chain = 0; chain < MAX_CHAIN && !closed; chain++) {
            if (!bootstrapped) {
                pending.add(CwmpEvent.of(CwmpEvent.BOOTSTRAP));
            }
            if (chain == 0 && reason != null) {
                pending.add(reason);
            }
            List<CwmpEvent> events = new ArrayList<>(pending);
            CwmpSession.Outcome o = runOnce(events);
            report.session(events, o);
            if (!o.informed()) {
                retryCount++;
                save();
                retryLater();
                return;
            }
            retryCount = 0;
            bootstrapped = true;
            pending.clear();
            if (o.transferred()) {
                transfer = Optional.empty();
            }
            if (!after(o.after())) {
                save();
                schedulePeriodic();
                return;
            }
            save();
        }
    }

    private CwmpSession.Outcome runOnce(List<CwmpEvent> events) {
        URI acs = URI.create(tree.value(r("ManagementServer.URL")).orElse(setup.acs().url()));
        AcsClient client = new AcsClient(http, acs, tree.value(r("ManagementServer.Username")).orElse(""),
                tree.value(r("ManagementServer.Password")).orElse(""));
        byte[] inform = SoapWriter.inform("inform-" + report.sessions(), setup.id(), events, Downloader.now(clock),
                retryCount, informParameters());
        return CwmpSession.run(client, tree, inform, transfer);
    }

    /** The Inform's ParameterList: the forced inform parameters of TR-106 / TR-098 for the root. */
    private List<ParameterTree.Value> informParameters() {
        List<String> names = List.of(r("DeviceSummary"), r("DeviceInfo.HardwareVersion"),
                r("DeviceInfo.SoftwareVersion"), r("DeviceInfo.ProvisioningCode"),
                r("ManagementServer.ConnectionRequestURL"), r("ManagementServer.ParameterKey"));
        try {
            return tree.values(names);
        } catch (CwmpFault e) {
            throw new IllegalStateException(e);
        }
    }

    /** Does what the session asked for; whether a new session must follow at once. */
    private boolean after(AfterSession a) {
        if (a.factoryReset()) {
            tree = PhoneTree.factory(setup.root(), setup.id(), setup.acs(), setup.lines());
            if (cr != null) {
                tree.put(r("ManagementServer.ConnectionRequestURL"), cr.url());
            }
            bootstrapped = false;
            transfer = Optional.empty();
            pending.add(CwmpEvent.of(CwmpEvent.BOOT));
            return true;
        }
        boolean again = false;
        for (CpeRequest.Download d : a.downloads()) {
            CwmpSession.Transfer t = Downloader.fetch(http, d, clock);
            report.download(t);
            transfer = Optional.of(t);
            pending.add(CwmpEvent.of(CwmpEvent.TRANSFER_COMPLETE));
            pending.add(new CwmpEvent(CwmpEvent.M_DOWNLOAD, d.commandKey()));
            if (t.faultCode() == 0 && d.fileType().startsWith("1 ")) {
                pending.add(CwmpEvent.of(CwmpEvent.BOOT)); // a firmware image is applied by rebooting
            }
            again = true;
        }
        if (a.reboot().isPresent()) {
            pending.add(CwmpEvent.of(CwmpEvent.BOOT));
            pending.add(new CwmpEvent(CwmpEvent.M_REBOOT, a.reboot().get()));
            again = true;
        }
        if (again) {
            tree.put(r("DeviceInfo.UpTime"), "0");
        }
        return again;
    }

    /** 3.2.1.1: the first retry after 5-10 s, then twice as long each time, at most 2560-5120 s. */
    static Duration retryWait(int retryCount, java.util.Random random) {
        long min = 5L << Math.min(Math.max(0, retryCount - 1), 9);
        return Duration.ofMillis(min * 1000 + (long) (random.nextDouble() * min * 1000));
    }

    private void retryLater() {
        if (!closed) {
            thread.schedule(() -> session(null), retryWait(retryCount, new java.util.Random()).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void schedulePeriodic() {
        boolean enabled = tree.value(r("ManagementServer.PeriodicInformEnable")).map(Boolean::parseBoolean)
                .orElse(false);
        long seconds = tree.value(r("ManagementServer.PeriodicInformInterval")).map(Long::parseLong).orElse(0L);
        if (periodic != null && (!enabled || seconds != periodicSeconds)) {
            periodic.cancel(false);
            periodic = null;
        }
        if (enabled && seconds > 0 && periodic == null && !closed) {
            periodicSeconds = seconds;
            periodic = thread.scheduleAtFixedRate(() -> session(CwmpEvent.of(CwmpEvent.PERIODIC)), seconds, seconds,
                    TimeUnit.SECONDS);
        }
    }

    private void save() {
        try {
            store.save(new CwmpState(tree, bootstrapped, List.copyOf(pending), transfer));
        } catch (IOException e) {
            LOG.warn("cwmp.state.save_failed cpe={} error={}", setup.id().serialNumber(), e.getMessage());
        }
    }

    private String r(String relative) {
        return setup.root().path() + relative;
    }

    /** For tests: the tree as the CPE's thread sees it. */
    ParameterTree tree() throws InterruptedException, ExecutionException {
        return thread.submit(() -> tree).get();
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        if (cr != null) {
            cr.close();
        }
    }
}
