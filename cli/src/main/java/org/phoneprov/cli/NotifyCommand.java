package org.phoneprov.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phoneprov.cli.run.CheckSync;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.events.EventStore;
import org.phoneprov.common.events.EventStores;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.sipd.notify.NotifyResult;
import org.phoneprov.sipd.notify.Selection;
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
        java.util.concurrent.atomic.AtomicReference<EventStore> opened = new java.util.concurrent.atomic.AtomicReference<>();
        CheckSync.Sent sent;
        try {
            sent = CheckSync.send(c, selection.get(), reboot, () -> {
                EventSink sink = openEvents(c);
                if (sink instanceof EventStore log) {
                    opened.set(log);
                }
                return sink;
            }, System.out::println, w -> System.err.println("phoneprov notify: " + w));
        } catch (java.net.BindException e) {
            System.err.println("phoneprov notify: " + e.getMessage());
            return 1;
        } finally {
            if (opened.get() != null) {
                opened.get().close();
            }
        }
        if (!sent.errors().isEmpty()) {
            sent.errors().forEach(e -> System.err.println("phoneprov notify: " + e));
            return 1;
        }
        return report(sent.results());
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

    /** Every notify is an event; without a writable state folder the NOTIFYs still go, unrecorded. */
    private static EventSink openEvents(SuiteConfig c) {
        try {
            return EventStores.open(c);
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
