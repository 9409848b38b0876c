package org.phoneprov.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.request.ConnectionRequestCredentials;
import org.phoneprov.acsd.request.ConnectionRequester;
import org.phoneprov.acsd.rpc.RpcRequest;
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

/**
 * {@code phoneprov acs devices|reboot|factory-reset|get|set}: what the TR-069 ACS knows of each
 * phone, and tasks for one, queued in acsd's store for the running daemon and started at once by
 * a connection request (TR-069 3.2.2) from this tool.
 */
@Command(name = "acs", description = "The TR-069 ACS (acsd): the phones it knows, and tasks for one of them.")
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

    @Command(name = "reboot", description = "Queue a Reboot for the phone, ask it to call in now (a connection"
            + " request), and print how the task ended.")
    int reboot(@Mixin ConfigOption options, @Mixin Target target) {
        return task(options, target, (c, d) -> Optional.of(new RpcRequest.Reboot("")));
    }

    @Command(name = "factory-reset", description = "Queue a FactoryReset for the phone, ask it to call in now, and"
            + " print how the task ended (the phone comes back with 0 BOOTSTRAP and gets its account again).")
    int factoryReset(@Mixin ConfigOption options, @Mixin Target target) {
        return task(options, target, (c, d) -> Optional.of(new RpcRequest.FactoryReset()));
    }

    @Command(name = "get", description = "Queue a GetParameterValues (names, or partial paths ending in '.'),"
            + " ask the phone to call in now, and print what it answered.")
    int get(@Mixin ConfigOption options, @Mixin Target target,
            @CommandLine.Parameters(arity = "1..*", paramLabel = "NAME") List<String> names) {
        return task(options, target, (c, d) -> Optional.of(new RpcRequest.GetParameterValues(names)));
    }

    @Command(name = "set", description = "Queue a SetParameterValues (NAME=VALUE, as strings), ask the phone to call"
            + " in now, and print how it ended (all applied, or the phone's fault per parameter).")
    int set(@Mixin ConfigOption options, @Mixin Target target,
            @CommandLine.Parameters(arity = "1..*", paramLabel = "NAME=VALUE") List<String> pairs) {
        List<ParameterValue> values = new java.util.ArrayList<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                System.err.println("phoneprov: '" + p + "' is not NAME=VALUE");
                return 2;
            }
            values.add(ParameterValue.string(p.substring(0, eq), p.substring(eq + 1)));
        }
        return task(options, target, (c, d) -> Optional.of(new RpcRequest.SetParameterValues(values, "")));
    }

    @Command(name = "download", description = "Queue a Download of the phone's firmware from the suite's catalog"
            + " (its model's firmware, served by httpd; --url for another file), ask it to call in now, and print how"
            + " the transfer ended (its TransferComplete).")
    int download(@Mixin ConfigOption options, @Mixin Target target,
                 @CommandLine.Option(names = "--url", paramLabel = "URL",
                         description = "Another file than the catalog firmware (its size is then not checked).")
                 Optional<String> url) {
        return task(options, target, (c, d) -> firmware(c, d, url));
    }

    /** The Download of {@code url}, or of the model's catalog firmware as httpd serves it; empty (said why) without one. */
    private static Optional<RpcRequest> firmware(SuiteConfig c, org.phoneprov.common.config.Device d,
                                                 Optional<String> url) {
        String where;
        long size = 0;
        if (url.isPresent()) {
            where = url.get();
        } else {
            List<String> fw = c.model(d.model()).catalog().getOrDefault(
                    org.phoneprov.common.provision.CatalogEntry.FIRMWARE, List.of());
            if (fw.isEmpty()) {
                System.err.println("phoneprov: model " + d.model() + " has no firmware in the catalog; give --url");
                return Optional.empty();
            }
            where = org.phoneprov.common.provision.SuiteUrls.of(c).http(fw.get(0));
            try {
                size = java.nio.file.Files.size(c.paths().files().resolve(fw.get(0)));
            } catch (java.io.IOException e) {
                System.err.println("phoneprov: cannot read " + c.paths().files().resolve(fw.get(0)) + ": " + e);
                return Optional.empty();
            }
        }
        String name = where.substring(where.lastIndexOf('/') + 1);
        // httpd's digest credentials of the phone (TR-069: the file server may challenge the download).
        String user = d.http().map(org.phoneprov.common.config.Device.HttpCredentials::user).orElse("");
        String password = d.http().map(org.phoneprov.common.config.Device.HttpCredentials::password).orElse("");
        return Optional.of(new RpcRequest.Download("", RpcRequest.Download.FIRMWARE, where, user, password, size, name,
                0, "", ""));
    }

    /** What to ask of the phone, made from the loaded config; empty when it cannot be (the reason printed). */
    @FunctionalInterface
    interface Rpc {
        Optional<RpcRequest> of(SuiteConfig config, org.phoneprov.common.config.Device device);
    }

    /** Which phone, and how long to wait for the task to end. */
    static final class Target {
        @CommandLine.Option(names = "--mac", required = true, paramLabel = "MAC", description = "The phone.")
        String mac;

        @CommandLine.Option(names = "--wait", defaultValue = "60", paramLabel = "SECONDS",
                description = "How long to wait for the phone to call in and answer (default 60).")
        int waitSeconds;
    }

    /**
     * Queues {@code rpc} in acsd's store (the running daemon takes it in when the phone calls),
     * sends the phone a connection request with the credentials the ACS gave it, then waits for
     * the daemon to record how the task ended. Exit 0 done, 3 failed or not ended in time, 1 when
     * nothing could be queued.
     */
    private static int task(ConfigOption options, Target target, Rpc make) {
        Quiet.logs();
        Optional<SuiteConfig> loaded = options.load();
        if (loaded.isEmpty()) {
            return 1;
        }
        Optional<Mac> mac = Mac.parse(target.mac);
        if (mac.isEmpty()) {
            System.err.println("phoneprov: '" + target.mac + "' is not a MAC address");
            return 2;
        }
        Optional<org.phoneprov.common.config.Device> device = loaded.get().device(mac.get());
        if (device.isEmpty()) {
            System.err.println("phoneprov: " + mac.get().colon() + " is not in the inventory");
            return 1;
        }
        Optional<RpcRequest> asked = make.of(loaded.get(), device.get());
        if (asked.isEmpty()) {
            return 1;
        }
        RpcRequest rpc = asked.get();
        Optional<AcsStore> opened;
        try {
            opened = AcsStores.read(loaded.get());
        } catch (StoreException e) {
            System.err.println("phoneprov: " + e.getMessage());
            return 1;
        }
        if (opened.isEmpty() || opened.get().device(mac.get()).isEmpty()) {
            System.err.println("phoneprov: the ACS has not heard from " + mac.get().colon()
                    + " yet (it must inform acsd once; see phoneprov acs devices)");
            opened.ifPresent(AcsCommand::closeQuietly);
            return 1;
        }
        AcsStore store = opened.get();
        try {
            Task t = store.queueFromOutside(mac.get(), rpc, "cli-", java.time.Instant.now());
            System.out.println("acs " + rpc.method() + " " + mac.get().colon() + ": queued as task " + t.id());
            DeviceRecord r = store.device(mac.get()).orElseThrow();
            String url = store.parameters(mac.get()).getOrDefault(r.root() + "ManagementServer.ConnectionRequestURL",
                    "");
            Optional<ConnectionRequestCredentials> creds = ConnectionRequestCredentials.of(device.get());
            if (url.isBlank() || creds.isEmpty()) {
                System.out.println("  no connection request (" + (url.isBlank() ? "the phone reported no"
                        + " ConnectionRequestURL" : "no http_password in the inventory") + "): it runs at the phone's"
                        + " next periodic inform");
            } else {
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
                try {
                    ConnectionRequester.Outcome o = new ConnectionRequester(pool)
                            .request(java.net.URI.create(url), creds.get()).get(30, java.util.concurrent.TimeUnit.SECONDS);
                    System.out.println("  connection request " + url + ": " + o.detail());
                } finally {
                    pool.shutdownNow();
                }
            }
            long end = System.nanoTime() + target.waitSeconds * 1_000_000_000L;
            Task now = t;
            while (!now.state().finished() && System.nanoTime() < end) {
                Thread.sleep(250);
                now = store.reread(t.id()).orElse(now);
            }
            String how = now.state().finished() ? now.state().name().toLowerCase(java.util.Locale.ROOT)
                    : "not ended within " + target.waitSeconds + " s (still " + now.state().name()
                            .toLowerCase(java.util.Locale.ROOT) + ")";
            System.out.println("  " + how + (now.result().isEmpty() ? "" : ": " + now.result()));
            return now.state() == TaskState.DONE ? 0 : 3;
        } catch (Exception e) {
            System.err.println("phoneprov: " + e.getMessage());
            return 1;
        } finally {
            closeQuietly(store);
        }
    }

    private static void closeQuietly(AcsStore store) {
        if (store instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // a read-only tool's store: nothing to lose
            }
        }
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
