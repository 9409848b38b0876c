package org.phoneprov.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.aps.RetryPolicy;
import org.phoneprov.phonesim.cwmp.CwmpRoot;
import org.phoneprov.phonesim.gigaset.DigestCredentials;
import org.phoneprov.phonesim.net.FetchTimeouts;
import org.phoneprov.phonesim.phone.BootReport;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.phoneprov.phonesim.phone.PhoneSettings;
import org.phoneprov.phonesim.phone.PhoneStateStore;
import org.phoneprov.phonesim.sim.CwmpPlan;
import org.phoneprov.phonesim.sim.HtmlReport;
import org.phoneprov.phonesim.sim.PhoneNetwork;
import org.phoneprov.phonesim.sim.Simulation;
import org.phoneprov.phonesim.sim.SimulationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code phoneprov simulate}: N phones power up against the suite and provision the way
 * their seed says a phone does (ST20xx: the APS seed; Gigaset: the Gigaset seed, by MAC, by
 * activation code, or redirected as a retail phone); the report says whether they all came up.
 * Which phones, and how a Gigaset is set up, is {@link SimulatedPhones}'s.
 */
@Command(name = "simulate", description = {
        "Boot simulated ST20xx and Gigaset phones against the running suite and report what happened.",
        "Phones are the inventory's first (by --model), then one per activation code, then generated",
        "MACs; --retail adds Gigasets redirected from the suite's /device/444/1/master.bin. Run it where",
        "the phones' LAN is (a network namespace, as root), or with --relay without root.",
        "Exit 0 when every phone provisioned, 3 otherwise."})
final class SimulateCommand implements Callable<Integer> {
    static final int NOT_ALL_PROVISIONED = 3;

    @Mixin
    ConfigOption options;

    @Option(names = "--phones", defaultValue = "1", paramLabel = "N",
            description = "How many phones (default 1; 0 with --retail: the retail phones only).")
    int count;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Only this model (ST2030S, ST2030M, ST2022S, ST2022M, N510, N720, C470, C590).")
    String model;

    @Option(names = "--mac", paramLabel = "MAC[=MODEL]", split = ",",
            description = "These phones; MODEL (or --model) for one not in the inventory.")
    List<String> macs = new ArrayList<>();

    @Option(names = "--retail", paramLabel = "MAC[=MODEL]", split = ",", description = {
            "Retail Gigasets besides (MODEL default N510): each asks the suite's /device/444/1/master.bin",
            "as its default redirect server, and follows the redirect of a MAC registered at /apxml/rpc.do."})
    List<String> retail = new ArrayList<>();

    @Option(names = "--spread", defaultValue = "0", paramLabel = "SECONDS",
            description = "Phones power up at random moments within this many seconds (default 0: all at once).")
    double spread;

    @Option(names = "--stay", defaultValue = "0", paramLabel = "SECONDS",
            description = "Then keep the phones listening for check-sync this long (SIGTERM ends it early).")
    double stay;

    @Option(names = "--state", paramLabel = "DIR", description = "Where phones keep their state (default <paths.state>/phonesim).")
    Path state;

    @Option(names = "--relay", paramLabel = "ADDRESS", description = {
            "Reach dhcpd as a relay agent from ADDRESS (no root needed; RFC 8357 source port)",
            "instead of broadcasting from port 68. Each phone then sends from its leased address",
            "(a relayed pool inside 127.0.0.0/8), or, with the suite on this host, from a 127.x",
            "stand-in of its own when the lease is not an address of this host."})
    String relay;

    @Option(names = "--tftp-port", defaultValue = "69", paramLabel = "PORT", description = "Where tftpd listens (default 69).")
    int tftpPort;

    @Option(names = "--retry-delay", defaultValue = "30", paramLabel = "SECONDS",
            description = "Seconds between a phone's retries after Server Unreachable or Gen File Not Found (seed 2.6: 30).")
    double retryDelay;

    @Option(names = "--vlan", description = "Phones start with VLAN=1: they ask for DHCP options 190-192 (seed 4.4.2).")
    boolean vlan;

    @Option(names = "--html", paramLabel = "FILE", description = {
            "Also write the report as one HTML page with a plot of each phone's time to provisioned",
            "(self-contained: inline SVG, no script)."})
    Path html;

    @Option(names = "--every-phone", description = "A line per phone in the report (default: when at most 50 phones).")
    boolean everyPhone;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed for power-up moments and generated MACs.")
    long seed;

    @Option(names = "--cwmp", paramLabel = "URL", description = {
            "Each phone is also a TR-069 CPE informing this ACS once it has an address, with its",
            "inventory device's http credentials as ManagementServer.Username/Password (user default:",
            "the MAC); it answers Connection Requests on its own address while the phones stay."})
    String cwmp;

    @Option(names = "--cwmp-root", defaultValue = "device", paramLabel = "igd|device",
            description = "The CPE's data-model root: InternetGatewayDevice. or Device. (default device).")
    String cwmpRoot;

    @Option(names = "--cwmp-periodic", defaultValue = "300", paramLabel = "SECONDS",
            description = "The CPE's PeriodicInformInterval from the factory (default 300).")
    long cwmpPeriodic;

    @Override
    public Integer call() throws Exception {
        Quiet.logs();
        Optional<SuiteConfig> loaded = options.load();
        if (loaded.isEmpty()) {
            return 1;
        }
        SuiteConfig c = loaded.get();
        if (count < (retail.isEmpty() ? 1 : 0) || count > Simulation.MAX_PHONES) {
            System.err.println("phoneprov simulate: --phones must be 1.." + Simulation.MAX_PHONES
                    + (retail.isEmpty() ? "" : " (or 0 with --retail)"));
            return 2;
        }
        Optional<Model> only = Optional.empty();
        if (model != null) {
            only = Model.parse(model);
            if (only.isEmpty()) {
                System.err.println("phoneprov simulate: '" + model + "' is not a model (" + Model.names() + ")");
                return 2;
            }
        }
        SimulatedPhones.Chosen chosen;
        try {
            chosen = SimulatedPhones.choose(c, macs, retail, count, only, seed);
        } catch (IllegalArgumentException e) {
            System.err.println("phoneprov simulate: " + e.getMessage());
            return 2;
        }
        List<PhoneIdentity> phones = chosen.phones();
        PhoneSettings settings = PhoneSettings.factory().withRetry(new RetryPolicy(RetryPolicy.SEED.retries(),
                Duration.ofMillis((long) (retryDelay * 1000)))).withVlanEnabled(vlan);
        Path stateDir = state != null ? state : c.paths().state().resolve("phonesim");
        PhoneNetwork network;
        try {
            network = network(c);
        } catch (RuntimeException e) {
            System.err.println("phoneprov simulate: " + e.getMessage());
            return 1;
        }
        Simulation.Plan plan = new Simulation.Plan(phones, Duration.ofMillis((long) (spread * 1000)),
                Duration.ofMillis((long) (stay * 1000)), settings, PhoneStateStore.in(stateDir), seed,
                chosen.gigaset());
        if (cwmp != null) {
            try {
                plan = plan.withCwmp(cwmpPlan(c));
            } catch (IllegalArgumentException e) {
                network.close();
                System.err.println("phoneprov simulate: " + e.getMessage());
                return 2;
            }
        }
        Simulation sim = new Simulation(plan, network, new Progress(phones.size()));
        CountDownLatch reported = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger exit = new java.util.concurrent.atomic.AtomicInteger(1);
        // SIGTERM during --stay: end the stay, let the report print, and exit with its verdict
        // (not the JVM's 143), so a script can stop the phones and still read the outcome.
        Thread hook = new Thread(() -> {
            sim.stopStaying();
            try {
                if (reported.await(30, TimeUnit.SECONDS)) {
                    System.out.flush();
                    Runtime.getRuntime().halt(exit.get());
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("phonesim: %d phone(s) powering up%s; state in %s%n", phones.size(),
                spread > 0 ? String.format(" within %.0f s", spread) : "", stateDir);
        try (network) {
            SimulationReport report = sim.run();
            report.print(System.out, everyPhone || phones.size() <= 50);
            if (html != null) {
                writeHtml(report, c);
            }
            System.out.flush();
            exit.set(report.allProvisioned() ? 0 : NOT_ALL_PROVISIONED);
            return exit.get();
        } finally {
            reported.countDown();
            try {
                // The hook is for a SIGTERM during this run only: a JVM that runs more (a test) must not halt later.
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it prints nothing more and exits with the verdict.
            }
        }
    }

    /** --cwmp: the ACS URL (http only: the simulator has no TLS), the root, each inventory device's credentials. */
    private CwmpPlan cwmpPlan(SuiteConfig c) {
        java.net.URI acs;
        try {
            acs = new java.net.URI(cwmp);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--cwmp " + cwmp + ": not a URL: " + e.getMessage());
        }
        if (!"http".equalsIgnoreCase(acs.getScheme()) || acs.getHost() == null) {
            throw new IllegalArgumentException("--cwmp " + cwmp + ": an http://HOST[:PORT]/PATH URL (no https in the"
                    + " simulator)");
        }
        if (cwmpPeriodic < 1) {
            throw new IllegalArgumentException("--cwmp-periodic must be at least 1 second");
        }
        java.util.Map<org.phoneprov.common.mac.Mac, DigestCredentials> creds = new java.util.HashMap<>();
        c.devices().forEach((mac, d) -> d.http().ifPresent(h -> creds.put(mac, new DigestCredentials(h.user(),
                h.password()))));
        return new CwmpPlan(cwmp, CwmpRoot.parse(cwmpRoot), creds, Duration.ofSeconds(cwmpPeriodic));
    }

    private PhoneNetwork network(SuiteConfig c) {
        FetchTimeouts t = FetchTimeouts.DEFAULTS;
        if (relay == null) {
            return PhoneNetwork.lan(t);
        }
        InetAddress server = c.dhcpd().bind().isAnyLocalAddress() ? c.identity().address() : c.dhcpd().bind();
        return PhoneNetwork.relayed(new InetSocketAddress(relay, 0), new InetSocketAddress(server, c.dhcpd().port()),
                tftpPort, t);
    }

    /** A progress line on stderr, and a stdout line for every check-sync a phone obeyed. */
    private static final class Progress implements Simulation.Listener {
        private final int total;
        private final boolean terminal = System.console() != null;
        private volatile long lastPrint;
        private int done;
        private int provisioned;
        private int failed;

        Progress(int total) {
            this.total = total;
        }

        @Override
        public synchronized void booted(PhoneIdentity id, BootReport r, int finished, int all) {
            done++;
            if (r != null && r.provisioned()) {
                provisioned++;
            } else {
                failed++;
            }
            long now = System.nanoTime();
            if (done == all || now - lastPrint > (terminal ? 200_000_000L : 2_000_000_000L)) {
                lastPrint = now;
                int width = 30;
                int filled = (int) ((long) done * width / Math.max(1, total));
                String bar = "#".repeat(filled) + " ".repeat(width - filled);
                System.err.printf("%s[%s] %d/%d  provisioned %d  failed %d%s", terminal ? "\r" : "", bar, done, total,
                        provisioned, failed, terminal && done < all ? "" : "\n");
            }
        }

        @Override
        public void checkSync(PhoneIdentity id, BootReport r, String before, String after) {
            System.out.printf("check-sync %s %s: %s, config_sn %s -> %s%n", id.mac().colon(), id.model(),
                    r.outcome() + r.lcd().map(m -> " \"" + m.text() + "\"").orElse(""),
                    before.isEmpty() ? "-" : before, after.isEmpty() ? "-" : after);
            System.out.flush();
        }
    }

    /** Written next to the file atomically, so a reader never sees half a page; a failure is said, not fatal. */
    private void writeHtml(SimulationReport report, SuiteConfig c) {
        String title = phonesTitle(report, c);
        try {
            Path target = html.toAbsolutePath();
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            java.nio.file.Files.writeString(tmp, HtmlReport.render(report, title), java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.out.println("html report:  " + target);
        } catch (java.io.IOException e) {
            System.err.println("phoneprov simulate: cannot write the HTML report " + html + ": " + e.getMessage());
        }
    }

    private static String phonesTitle(SimulationReport report, SuiteConfig c) {
        return report.phones().size() + " phone(s) against " + c.source() + ", " + java.time.ZonedDateTime.now()
                .withNano(0);
    }
}
