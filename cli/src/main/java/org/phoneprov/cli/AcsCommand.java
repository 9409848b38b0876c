package org.phoneprov.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.phoneprov.acsd.session.AcsStore;
import org.phoneprov.acsd.session.AcsStores;
import org.phoneprov.acsd.session.DeviceRecord;
import org.phoneprov.acsd.session.Task;
import org.phoneprov.acsd.session.TaskState;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code phoneprov acs devices}: what the TR-069 ACS (acsd) knows of each phone, read from its store. */
@Command(name = "acs", description = "The TR-069 ACS (acsd): the phones it knows and their tasks.")
final class AcsCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "devices", description = "Every phone that informed the ACS: its last Inform (when, from where,"
            + " which events, which data model root) and its tasks (queued, done, failed; the last result).")
    int devices(@Mixin ConfigOption options) {
        Quiet.logs();
        Optional<SuiteConfig> loaded = options.load();
        if (loaded.isEmpty()) {
            return 1;
        }
        Optional<AcsStore> store;
        try {
            store = AcsStores.read(loaded.get());
        } catch (StoreException e) {
            System.err.println("phoneprov: " + e.getMessage());
            return 1;
        }
        System.out.printf("%-17s %-19s %-15s %-14s %-38s %s%n", "MAC", "LAST INFORM", "FROM", "ROOT", "EVENTS",
                "TASKS");
        if (store.isEmpty()) {
            return 0; // acsd never ran here: no phone has informed
        }
        try (AutoCloseable closing = store.get() instanceof AutoCloseable c ? c : () -> { }) {
            for (Mac mac : store.get().devices()) {
                DeviceRecord r = store.get().device(mac).orElseThrow();
                List<Task> tasks = store.get().tasks(mac);
                System.out.printf("%-17s %-19s %-15s %-14s %-38s %s%n", mac.colon(), TIME.format(r.at()),
                        r.from().getHostAddress(), r.root(), String.join(",", r.events()), summary(tasks));
            }
        } catch (Exception e) {
            System.err.println("phoneprov: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static String summary(List<Task> tasks) {
        long queued = tasks.stream().filter(t -> !t.state().finished()).count();
        long done = tasks.stream().filter(t -> t.state() == TaskState.DONE).count();
        long failed = tasks.stream().filter(t -> t.state() == TaskState.FAILED).count();
        String last = tasks.isEmpty() ? "" : " last: " + tasks.get(tasks.size() - 1).rpc().method() + " "
                + tasks.get(tasks.size() - 1).state().name().toLowerCase(java.util.Locale.ROOT)
                + (tasks.get(tasks.size() - 1).result().isEmpty() ? "" : " (" + tasks.get(tasks.size() - 1).result()
                + ")");
        return queued + " queued, " + done + " done, " + failed + " failed" + last;
    }
}
