package org.phoneprov.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The test lab of examples/lab, built from network namespaces: a server namespace
 * with a bridge named {@code lab0} holding 10.77.0.1/16, and hosts attached to it by
 * veth pairs, each in its own namespace. Everything a lab test sends stays inside these
 * namespaces; closing removes them.
 *
 * <p>Lab tests need root. Without it they skip with the reason, unless
 * {@code PHONEPROV_LAB=required} (CI), where a skip would hide a failure, so it fails.
 */
public final class LabNet implements AutoCloseable {
    public static final String SERVER_IP = "10.77.0.1";
    public static final String CLIENT_IP = "10.77.0.2";
    public final String server;
    /** The first host, 10.77.0.2 (or no address when made by {@link #createBare()}). */
    public final String client;
    private final String tag;
    private final List<String> namespaces = new ArrayList<>();
    private int links;

    private LabNet(String tag) {
        this.tag = tag;
        this.server = "pp-srv-" + tag;
        this.client = "pp-cli-" + tag;
    }

    /** Skips (or fails under PHONEPROV_LAB=required) when the lab cannot be built here. */
    public static void requireLab(String... tools) {
        boolean required = "required".equals(System.getenv("PHONEPROV_LAB"));
        String why = null;
        String uid = Sh.run("id", "-u").out().trim();
        if (!uid.equals("0")) {
            why = "lab tests need root to create network namespaces (run as root, e.g. sudo ./run-tests)";
        }
        for (String t : tools) {
            if (why == null && !Sh.have(t)) {
                why = "lab tests need '" + t + "' (./run-tests installs it)";
            }
        }
        if (why != null && required) {
            throw new AssertionError("PHONEPROV_LAB=required but " + why);
        }
        assumeTrue(why == null, why);
    }

    /** Server and one client at 10.77.0.2/16. */
    public static LabNet create() {
        return build(CLIENT_IP + "/16");
    }

    /** Server and one client whose eth0 has no address (for DHCP clients). */
    public static LabNet createBare() {
        return build(null);
    }

    private static LabNet build(String clientCidr) {
        LabNet net = new LabNet(Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF)));
        try {
            net.namespace(net.server);
            net.in(net.server, "ip", "link", "add", "lab0", "type", "bridge");
            net.in(net.server, "ip", "addr", "add", SERVER_IP + "/16", "dev", "lab0");
            net.in(net.server, "ip", "link", "set", "lab0", "up");
            net.in(net.server, "ip", "link", "set", "lo", "up");
            net.host(net.client, clientCidr);
            return net;
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** A new namespace attached to lab0 through its eth0, with {@code cidr} or no address. */
    public String host(String name, String cidr) {
        if (!namespaces.contains(name)) {
            namespace(name);
        }
        link(server, "lab0", name, "eth0");
        if (cidr != null) {
            in(name, "ip", "addr", "add", cidr, "dev", "eth0");
        }
        return name;
    }

    public String namespace(String suffixOrName) {
        String name = suffixOrName.startsWith("pp-") ? suffixOrName : "pp-" + suffixOrName + "-" + tag;
        Sh.run("ip", "netns", "add", name).ok();
        namespaces.add(name);
        in(name, "ip", "link", "set", "lo", "up");
        return name;
    }

    /**
     * A veth between two namespaces: {@code aIf} in {@code a} (enslaved to it when it is
     * the bridge lab0 of the server) and {@code bIf} in {@code b}; both up.
     */
    public void link(String a, String aIf, String b, String bIf) {
        String x = "ppa" + tag + links;
        String y = "ppb" + tag + links;
        links++;
        Sh.run("ip", "link", "add", x, "type", "veth", "peer", "name", y).ok();
        Sh.run("ip", "link", "set", y, "netns", b).ok();
        in(b, "ip", "link", "set", y, "name", bIf);
        in(b, "ip", "link", "set", bIf, "up");
        Sh.run("ip", "link", "set", x, "netns", a).ok();
        if (a.equals(server) && aIf.equals("lab0")) {
            in(a, "ip", "link", "set", x, "master", "lab0");
            in(a, "ip", "link", "set", x, "up");
        } else {
            in(a, "ip", "link", "set", x, "name", aIf);
            in(a, "ip", "link", "set", aIf, "up");
        }
    }

    /**
     * Makes {@code ns} a LAN of simulated phones ({@code phoneprov simulate}): DHCP broadcasts need
     * a route, and the lease ranges of the lab config (10.77.1.0-10.77.255.255) are local, so each
     * phone sends from, and answers ARP for, the address it leased.
     */
    public void phoneLan(String ns) {
        in(ns, "ip", "route", "add", "255.255.255.255/32", "dev", "eth0");
        for (String r : List.of("10.77.1.0/24", "10.77.2.0/23", "10.77.4.0/22", "10.77.8.0/21", "10.77.16.0/20",
                "10.77.32.0/19", "10.77.64.0/18", "10.77.128.0/17")) {
            in(ns, "ip", "route", "add", "local", r, "dev", "lo");
        }
    }

    public Sh.Result in(String ns, String... cmd) {
        return Sh.run(Sh.in(ns, cmd), 30).ok();
    }

    @Override
    public void close() {
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            Sh.run(List.of("ip", "netns", "pids", namespaces.get(i)), 10).out().lines()
                    .forEach(pid -> Sh.run(List.of("kill", "-9", pid.trim()), 10));
            Sh.run(List.of("ip", "netns", "del", namespaces.get(i)), 10);
        }
    }

    /** A lab test's @AfterAll: the suite stopped, the namespaces gone, the work folder removed (each may be null). */
    public static void tearDown(PhoneprovProcess server, LabNet net, java.nio.file.Path work) throws Exception {
        if (server != null) {
            server.close();
        }
        if (net != null) {
            net.close();
        }
        deleteTree(work);
    }

    /** Removes a test's work folder and everything in it. */
    public static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> w = java.nio.file.Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
