package org.phoneprov.cli;

import java.net.InetAddress;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventLog;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.common.provision.Model;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.SqliteLeaseStore;
import org.phoneprov.sipd.notify.CheckSyncClient;
import org.phoneprov.sipd.notify.NotifyResult;
import org.phoneprov.sipd.notify.Selection;
import org.phoneprov.sipd.notify.SendSchedule;
import org.phoneprov.sipd.notify.Targets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code phoneprov notify}: make phones re-provision now with a SIP NOTIFY check-sync
 * (APS seed 3.4), sent from {@code suite.check_sync_source}, the one source the generated
 * configs trust ({@code AuthNotifyCheckSync}). Run it on the host that owns that address.
 */
@Command(name = "notify", description = {
        "Send check-sync to phones so they fetch their files again (SIP phones only).",
        "Exit 0 when every selected phone accepted, 3 when any rejected, did not answer or was skipped."})
final class NotifyCommand implements Callable<Integer> {
    static final int SOME_NOT_ACCEPTED = 3;

    @Mixin
    ConfigOption options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--mac", paramLabel = "MAC", description = "One phone of the inventory.")
        String mac;
        @Option(names = "--model", paramLabel = "MODEL", description = "Every phone of a model, e.g. ST2030S.")
        String model;
        @Option(names = "--all", description = "Every phone of the inventory.")
        boolean all;
    }

    @Option(names = "--reboot", description = "Ask the phones to reboot (Event: check-sync;reboot=true).")
    boolean reboot;

    @Override
    public Integer call() throws Exception {
        Quiet.logs();
        Optional<SuiteConfig> loaded = options.load();
        if (loaded.isEmpty()) {
            return 1;
        }
        SuiteConfig c = loaded.get();
        Optional<Selection> selection = selection();
        if (selection.isEmpty()) {
            System.err.println("phoneprov notify: '" + (which.mac != null ? which.mac : which.model)
                    + "' is not a " + (which.mac != null ? "MAC address" : "model (ST2030S, ST2030M, ST2022S, ST2022M)"));
            return 2;
        }
        Map<Mac, InetAddress> leased = leases(c);
        Targets targets = Targets.select(c, selection.get(), mac -> Optional.ofNullable(leased.get(mac)));
        if (!targets.errors().isEmpty()) {
            targets.errors().forEach(e -> System.err.println("phoneprov notify: " + e));
            return 1;
        }
        List<NotifyResult> results = new java.util.ArrayList<>(targets.skippedResults());
        if (!targets.targets().isEmpty()) {
            long spreadMs = SendSchedule.of(targets.targets().size(), c.sip().checkSync().spanSeconds(),
                    c.sip().checkSync().ratePerSecond()).total().toMillis();
            System.out.printf("notify: %d phone(s) from %s%s, over %.1f s%n", targets.targets().size(),
                    c.identity().checkSyncSource().getHostAddress(), reboot ? ", reboot" : "", spreadMs / 1000.0);
            // The event log is opened only once the trusted source is bound: a refused bind leaves no trace.
            java.util.concurrent.atomic.AtomicReference<EventSink> events = new java.util.concurrent.atomic
                    .AtomicReference<>(EventSink.NONE);
            try (CheckSyncClient client = new CheckSyncClient(c, e -> events.get().record(e))) {
                events.set(openEvents(c));
                long budget = spreadMs + c.sip().checkSync().timeoutMillis() * 2L + 10_000;
                results.addAll(client.send(targets.targets(), reboot).get(budget, TimeUnit.MILLISECONDS));
            } catch (java.net.BindException e) {
                System.err.println("phoneprov notify: " + e.getMessage());
                return 1;
            } finally {
                if (events.get() instanceof EventLog log) {
                    log.close();
                }
            }
        }
        return report(results);
    }

    private Optional<Selection> selection() {
        if (which.all) {
            return Optional.of(Selection.all());
        }
        if (which.model != null) {
            return Model.parse(which.model).map(Selection::model);
        }
        return Mac.parse(which.mac).map(Selection::mac);
    }

    /** Current leases by MAC, when dhcpd keeps a store here; the inventory address is the fallback. */
    private static Map<Mac, InetAddress> leases(SuiteConfig c) {
        Map<Mac, InetAddress> out = new HashMap<>();
        if (!Files.exists(c.paths().state().resolve(SqliteLeaseStore.FILE_NAME))) {
            return out;
        }
        long now = System.currentTimeMillis();
        try (SqliteLeaseStore store = SqliteLeaseStore.open(c.paths().state())) {
            for (Lease l : store.loadAll()) {
                if (l.isBoundAt(now)) {
                    out.put(l.mac(), Ip4.toInet(l.address()));
                }
            }
        } catch (StoreException e) {
            System.err.println("phoneprov notify: leases not read (" + e.getMessage() + "); using inventory addresses");
        }
        return out;
    }

    /** Every notify is an event; without a writable state folder the NOTIFYs still go, unrecorded. */
    private static EventSink openEvents(SuiteConfig c) {
        try {
            return EventLog.open(c.paths().state());
        } catch (StoreException e) {
            System.err.println("phoneprov notify: events not recorded (" + e.getMessage() + ")");
            return EventSink.NONE;
        }
    }

    private static int report(List<NotifyResult> results) {
        int accepted = 0;
        int rejected = 0;
        int silent = 0;
        int skipped = 0;
        for (NotifyResult n : results) {
            switch (n.outcome()) {
                case ACCEPTED -> accepted++;
                case REJECTED -> rejected++;
                case NO_ANSWER -> silent++;
                case SKIPPED -> skipped++;
            }
            System.out.printf("%-17s %-21s %-11s %s%s%n", n.mac().colon(),
                    n.target() == null ? "-" : n.target().getAddress().getHostAddress() + ":" + n.target().getPort(),
                    n.eventResult(), n.detail(), n.target() == null ? "" : String.format(" (%d ms)", n.took().toMillis()));
        }
        System.out.printf("notify: %d accepted, %d rejected, %d no answer, %d skipped%n", accepted, rejected, silent,
                skipped);
        return accepted == results.size() ? 0 : SOME_NOT_ACCEPTED;
    }
}
