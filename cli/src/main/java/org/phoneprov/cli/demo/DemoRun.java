package org.phoneprov.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventLog;

/**
 * {@code phoneprov demo} step by step, with the same commands an admin would type: the
 * suite starts ({@code run}), ten phones power up ({@code simulate}: two of each ST20xx model,
 * a Gigaset found by its MAC and one by its activation code), the admin changes a password and
 * sends check-sync ({@code notify --all}, which the ST20xx SIP phones take), and the event log
 * shows what every daemon did ({@code events}).
 */
public final class DemoRun {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String ALICE = "00:14:7F:E1:47:B3";
    /** The demo config's eight ST20xx devices, its Gigaset and its activation code's phone. */
    static final int PHONES = 10;
    private static final String ALL_DONE = PHONES + "/" + PHONES;
    private final List<String> phoneprov;
    private final PrintStream out;

    /** @param phoneprov how to start this program: {@code [java, -jar, /path/phoneprov.jar]} */
    public DemoRun(List<String> phoneprov, PrintStream out) {
        this.phoneprov = List.copyOf(phoneprov);
        this.out = out;
    }

    /** Returns the exit code: 0 when every phone provisioned and every SIP phone took the check-sync. */
    public int run(Path dir, boolean forceLoopback) throws IOException, InterruptedException {
        try (DemoNetwork net = DemoNetwork.create(forceLoopback)) {
            DemoConfig.Ports ports = DemoConfig.freePorts();
            Path config = DemoConfig.write(dir, net, ports);
            out.println("phoneprov demo — in " + net.describe());
            out.println("config: " + config);
            out.println();
            out.println("1. The suite starts: phoneprov run --config " + config.getFileName());
            try (Child suite = Child.start(net.onServer(cmd("run", "--config", config.toString())))) {
                if (!suite.await(o -> o.contains("suite.started"), STEP)) {
                    out.println(indent(suite.output()));
                    out.println("The suite did not start.");
                    return 1;
                }
                suite.output().lines().filter(l -> l.contains(".listening") || l.contains("sipd.joined"))
                        .map(l -> "   " + l.replaceFirst("^\\S+\\s+\\S+\\s+", "")).forEach(out::println);
                return phones(net, config, ports, suite);
            }
        }
    }

    private int phones(DemoNetwork net, Path config, DemoConfig.Ports ports, Child suite)
            throws IOException, InterruptedException {
        out.println();
        out.println("2. Ten phones power up, two of each ST20xx model: SIP models are told their INF URL in DHCP option 43,");
        out.println("   MGCP models a TFTP server and INF name in options 66/67; each downloads what its INF names,");
        out.println("   reboots after the upgrade, and checks again (APS seed 2.2-2.5). Two Gigasets are told their");
        out.println("   profile folder in option 114: the N510 fetches its MAC's profile, encrypted with its provider's");
        out.println("   key; the N720 enters its activation code, proven by HTTP digest (Gigaset seed):");
        out.println("   phoneprov simulate --phones " + PHONES);
        List<String> sim = new ArrayList<>(List.of("simulate", "--config", config.toString(), "--phones",
                Integer.toString(PHONES),
                "--stay", "120", "--every-phone", "--state", config.getParent().resolve("phones").toString()));
        if (!net.namespaces()) {
            sim.addAll(List.of("--relay", DemoNetwork.LOOPBACK_RELAY, "--tftp-port", Integer.toString(ports.tftp())));
        }
        try (Child phones = Child.start(net.onPhones(cmd(sim.toArray(String[]::new))))) {
            if (!phones.await(o -> o.contains(ALL_DONE), STEP)) {
                out.println(indent(phones.output()));
                out.println("The phones did not finish booting.");
                return 1;
            }
            phones.output().lines().filter(l -> l.contains(ALL_DONE)).findFirst().ifPresent(l -> out.println("   " + l));

            out.println();
            out.println("3. The admin changes Alice's password, reloads (SIGHUP) and sends check-sync to every phone:");
            out.println("   phoneprov notify --all (from " + net.serverAddress()
                    + ", the only source the configs trust: AuthNotifyCheckSync, seed 3.4)");
            Files.writeString(config, Files.readString(config).replace("alice-secret", "alice-rotated"));
            suite.signal("HUP");
            suite.await(o -> o.contains("config.reloaded"), Duration.ofSeconds(20));
            try (Child notify = Child.start(net.onServer(cmd("notify", "--config", config.toString(), "--all")))) {
                notify.waitFor(STEP);
                notify.output().lines().filter(l -> !l.contains(" WARN ")).forEach(l -> out.println("   " + l));
            }
            phones.await(o -> o.lines().filter(l -> l.startsWith("check-sync ")).count() >= 4, Duration.ofSeconds(30));
            phones.signal("TERM");
            int simCode = phones.waitFor(STEP);
            String report = phones.output();
            out.println("   The SIP phones re-provision; only Alice's MAC config changed, so only her config_sn moves:");
            phones.output().lines().filter(l -> l.startsWith("check-sync ")).forEach(l -> out.println("   " + l));
            out.println();
            out.println("   phonesim's report (phone, model, leased address, outcome, runs, reboots, time, requests):");
            report.lines().filter(l -> l.startsWith("  00:") || l.startsWith("  7C:")
                    || l.matches("^[a-z -]+: .*") && !l.startsWith("check-sync ")
                    && !l.startsWith("phonesim:")).forEach(l -> out.println("   " + l));
            suite.signal("TERM");
            suite.waitFor(Duration.ofSeconds(20));
            events(config);
            boolean aliceNew = report.lines().anyMatch(l -> l.startsWith("check-sync " + ALICE)
                    && l.matches(".*config_sn (\\d+) -> (?!\\1)\\d+.*"));
            boolean ok = simCode == 0 && report.contains("provisioned:  " + PHONES + " of " + PHONES) && aliceNew;
            out.println();
            out.println(ok ? "All " + PHONES + " demo phones provisioned; the ST20xx SIP phones obeyed check-sync and "
                    + "Alice's new password reached her phone only." : "Something did not go as planned: see above.");
            return ok ? 0 : 1;
        }
    }

    /** What the event log says each daemon did, and one phone's history. */
    private void events(Path config) throws IOException {
        Path state = config.getParent().resolve("state");
        List<Event> all = EventLog.read(state, Optional.empty(), 100_000);
        Map<String, Map<String, Integer>> byDaemon = new TreeMap<>();
        for (Event e : all) {
            byDaemon.computeIfAbsent(e.daemon(), d -> new TreeMap<>()).merge(e.action(), 1, Integer::sum);
        }
        out.println();
        out.println("4. Every request is an event (phoneprov events --config ...):");
        byDaemon.forEach((d, actions) -> out.printf("   %-6s %s%n", d, actions));
        out.println("   Alice's phone (phoneprov events --mac " + ALICE + "):");
        all.stream().filter(e -> e.device().map(m -> m.colon().equals(ALICE)).orElse(false))
                .forEach(e -> out.printf("     %-5s %-8s %-11s %-44s %s%n", e.daemon(), e.action(), e.result(),
                        e.file().length() > 44 ? "..." + e.file().substring(e.file().length() - 41) : e.file(),
                        e.client().map(a -> a.getHostString()).orElse("-")));
    }

    private List<String> cmd(String... args) {
        List<String> c = new ArrayList<>(phoneprov);
        c.addAll(List.of(args));
        return c;
    }

    private static String indent(String s) {
        return s.lines().map(l -> "   | " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
