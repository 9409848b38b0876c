package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.testsupport.PgServer;

/**
 * Two dhcpd nodes of an HA pair (issue 14, items 2 and 4), each in its own namespace on the
 * lab bridge, with a PostgreSQL server from Debian's package on the bridge host; perfdhcp
 * broadcasting from a client namespace at a steady rate, tcpdump there recording every ACK.
 * Hot-standby on the shared database: the primary is killed with SIGKILL mid-load, the standby
 * takes over within the configured time, phones booting meanwhile provision ({@code phoneprov
 * simulate}), no address ever goes to two clients, every ACKed lease is a row; the primary
 * restarts and rejoins. Load-balancing on two SQLite files: both nodes
 * answer their halves, each file has every lease, and the survivor of a kill serves everyone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaLabIT {
    static final String PASSWORD = "ha 'pw";
    static final String SECRET = "lab-ha-secret-0123456789abcdefghijklmnop";
    static final String A_IP = "10.77.0.3";
    static final String B_IP = "10.77.0.4";
    /** The HA timers of the lab pair: a node is declared down 2 s after its last answer. */
    static final int HEARTBEAT_MS = 500;
    static final int MAX_RESPONSE_MS = 2_000;
    static LabNet net;
    static Path work;
    static PgServer pg;
    static String nsA;
    static String nsB;
    static final List<PhoneprovProcess> running = new ArrayList<>();
    /** perfdhcp and tcpdump of the test: a failed test must not leave them running into the next. */
    static final List<Process> tools = new ArrayList<>();

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "perfdhcp", "udhcpc", "tcpdump", "curl", "java");
        PgServer.require();
        work = Files.createTempDirectory("phoneprov-halab-");
        net = LabNet.createBare();
        nsA = net.namespace("ha-a");
        net.host(nsA, A_IP + "/16");
        nsB = net.namespace("ha-b");
        net.host(nsB, B_IP + "/16");
        net.in(net.client, "ip", "addr", "add", LabNet.CLIENT_IP + "/16", "dev", "eth0");
        // Simulated phones (phoneprov simulate): DHCP broadcasts need a route, and the lease range is
        // local so every phone sends from (and answers ARP for) its own leased address.
        net.phoneLan(net.client);
        pg = PgServer.start(net.server, LabNet.SERVER_IP);
        pg.createRole("phoneprov", PASSWORD);
        pg.createDatabase("phoneprov", "phoneprov");
        Path script = work.resolve("udhcpc.script");
        try (var in = HaLabIT.class.getResourceAsStream("/lab/udhcpc.script")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().setExecutable(true);
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (Process t : tools) {
            t.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        tools.clear();
        for (PhoneprovProcess p : running) {
            p.close();
        }
        running.clear();
    }

    @AfterAll
    static void stopLab() throws Exception {
        try {
            if (pg != null) {
                pg.close();
            }
        } finally {
            LabNet.tearDown(null, net, work);
        }
    }

    /** Node {@code name}'s folder: the lab example, on its own address and eth0, with dhcpd.ha (and the store). */
    static Path node(String folder, String name, String ip, String mode, boolean shared) throws IOException {
        return node(folder, name, ip, mode, shared, null);
    }

    /** As above; with {@code certs} (a `phoneprov cert init` folder), the nodes talk mutual TLS. */
    static Path node(String folder, String name, String ip, String mode, boolean shared, Path certs)
            throws IOException {
        Path dir = work.resolve(folder);
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), dir);
        Files.writeString(dir.resolve("ha.secret"), SECRET + "\n");
        Files.writeString(dir.resolve("db.password"), PASSWORD + "\n");
        String second = mode.equals("hot-standby") ? "standby" : "secondary";
        String ha = "  ha:\n"
                + "    mode: " + mode + "\n"
                + "    this_node: " + name + "\n"
                + "    secret_file: ha.secret\n"
                + "    heartbeat_delay_ms: " + HEARTBEAT_MS + "\n"
                + "    max_response_delay_ms: " + MAX_RESPONSE_MS + "\n"
                + "    max_ack_delay_ms: 1000\n"
                + "    max_unacked_clients: 0\n"
                + "    peers:\n"
                + "      - {name: dhcp-a, address: " + A_IP + ", role: primary}\n"
                + "      - {name: dhcp-b, address: " + B_IP + ", role: " + second + "}\n"
                + (certs == null ? "" : "    tls: {cert: " + certs.resolve("server.pem") + ", key: "
                        + certs.resolve("server.key") + ", ca: " + certs.resolve("ca.pem") + "}\n");
        String text = Files.readString(dir.resolve("phoneprov.yaml"))
                .replace("10.77.0.1", ip).replace("router: " + ip, "router: 10.77.0.1")
                .replace("interface: lab0", "interface: eth0")
                .replace("dhcpd:\n  enabled: true\n", "dhcpd:\n  enabled: true\n" + ha);
        if (shared) {
            text += "\nstore:\n  type: postgresql\n  url: \"" + pg.url("phoneprov") + "\"\n  user: phoneprov\n"
                    + "  password_file: db.password\n";
        }
        Files.writeString(dir.resolve("phoneprov.yaml"), text);
        return dir.resolve("phoneprov.yaml");
    }

    static PhoneprovProcess start(String ns, Path config, String log) throws IOException {
        PhoneprovProcess p = PhoneprovProcess.start(ns, work.resolve(log), "run", "--config", config.toString(),
                "--only", "dhcpd,tftpd,httpd");
        running.add(p);
        return p;
    }

    /** Both nodes in the normal state {@code state}: the last state change each one logged says so. */
    static void awaitPair(PhoneprovProcess a, PhoneprovProcess b, String state) throws Exception {
        a.awaitLog("to=" + state, 60);
        b.awaitLog("to=" + state, 60);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(lastState(a).contains("to=" + state) && lastState(b).contains("to=" + state))) {
            assertTrue(System.nanoTime() < end, "the pair did not settle in " + state + ":\n" + a.logText()
                    + "\n" + b.logText());
            Thread.sleep(100);
        }
    }

    static String lastState(PhoneprovProcess p) {
        return p.logText().lines().filter(l -> l.contains("ha.state ")).reduce((x, y) -> y).orElse("");
    }

    static Sh.Result phoneprov(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString()));
        cmd.addAll(List.of(args));
        return Sh.run(Sh.in(ns, cmd.toArray(String[]::new)), 90);
    }

    /** perfdhcp broadcasting full DORA exchanges from the client namespace, as phones on the LAN would. */
    static Process perfdhcp(int rate, int seconds, int clients, String log) throws IOException {
        Process p = new ProcessBuilder(Sh.in(net.client, "perfdhcp", "-4", "-l", "eth0", "-r", Integer.toString(rate),
                "-R", Integer.toString(clients), "-p", Integer.toString(seconds), "-W", "2000000"))
                .redirectErrorStream(true).redirectOutput(work.resolve(log).toFile()).start();
        tools.add(p);
        return p;
    }

    static Process tcpdump(Path pcap) throws Exception {
        Process dump = new ProcessBuilder(Sh.in(net.client, "tcpdump", "-i", "eth0", "-U", "-n", "-w", pcap.toString(),
                "udp and src port 67")).redirectErrorStream(true).redirectOutput(work.resolve("tcpdump.log").toFile())
                .start();
        tools.add(dump);
        Thread.sleep(1000);
        return dump;
    }

    static List<Pcap.Ack> stop(Process dump, Path pcap) throws Exception {
        Sh.run(List.of("kill", "-INT", Long.toString(dump.pid())), 10);
        dump.waitFor(10, TimeUnit.SECONDS);
        dump.destroyForcibly();
        return Pcap.ackList(Files.readAllBytes(pcap));
    }

    static String ip(int a) {
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    static int ip(String s) {
        String[] o = s.split("\\.");
        return (Integer.parseInt(o[0]) << 24) | (Integer.parseInt(o[1]) << 16) | (Integer.parseInt(o[2]) << 8)
                | Integer.parseInt(o[3]);
    }

    /** No address ACKed to two clients; returns the last MAC ACKed per address. */
    static Map<Integer, String> uniqueAcks(List<Pcap.Ack> acks) {
        Map<Integer, Set<String>> macs = new HashMap<>();
        Map<Integer, String> last = new HashMap<>();
        for (Pcap.Ack a : acks) {
            macs.computeIfAbsent(a.yiaddr(), k -> new HashSet<>()).add(a.mac());
            last.put(a.yiaddr(), a.mac());
        }
        List<String> twice = new ArrayList<>();
        macs.forEach((address, set) -> {
            if (set.size() > 1) {
                twice.add(ip(address) + " " + set);
            }
        });
        assertEquals(List.of(), twice, "no address is ever ACKed to two clients (" + acks.size() + " ACKs)");
        return last;
    }

    static long from(List<Pcap.Ack> acks, String server) {
        return acks.stream().filter(a -> a.from() == ip(server)).count();
    }

    /** Address → MAC (upper-case hex) of the ACTIVE rows of the shared lease table. */
    static Map<String, String> activeRows() {
        Map<String, String> rows = new HashMap<>();
        pg.psql("phoneprov", "SELECT address, mac FROM lease WHERE state = 'ACTIVE'").lines().forEach(l -> {
            String[] f = l.trim().split("\\|");
            if (f.length == 2) {
                rows.put(ip((int) Long.parseLong(f[0])), f[1]);
            }
        });
        return rows;
    }

    /** Address → MAC (colon form, as `phoneprov leases` prints it) of a node's leases. */
    static Map<String, String> leasesOf(String ns, Path config) {
        Sh.Result r = phoneprov(ns, "leases", "--config", config.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Map<String, String> out = new HashMap<>();
        r.out().lines().skip(1).forEach(l -> {
            String[] f = l.trim().split("\\s+");
            if (f.length >= 2) {
                out.put(f[0], f[1].toUpperCase(Locale.ROOT));
            }
        });
        return out;
    }

    @Test
    @Order(1)
    void hotStandbyOnTheSharedDatabaseSurvivesAKilledPrimaryAndTheNodeRejoins() throws Exception {
        Path cfgA = node("a", "dhcp-a", A_IP, "hot-standby", true);
        Path cfgB = node("b", "dhcp-b", B_IP, "hot-standby", true);
        Sh.Result m = phoneprov(nsA, "db", "migrate", "--config", cfgA.toString());
        assertEquals(0, m.code(), m.out() + m.err());
        PhoneprovProcess a = start(nsA, cfgA, "a.log");
        PhoneprovProcess b = start(nsB, cfgB, "b.log");
        // Either starts first; if its partner is still starting it serves alone a moment (partner-down),
        // then hands over: the pair ends up in hot-standby whichever way.
        awaitPair(a, b, "hot-standby");
        Sh.Result status = phoneprov(nsB, "ha", "status", "--config", cfgB.toString());
        assertEquals(0, status.code(), status.out() + status.err());
        assertTrue(status.out().contains("node dhcp-b (standby, hot-standby): hot-standby, serving none"),
                status.out());
        assertTrue(status.out().contains("partner dhcp-a at http://" + A_IP + ":8647: hot-standby"), status.out());

        Path pcap = work.resolve("hot-standby.pcap");
        Process dump = tcpdump(pcap);
        Process load = perfdhcp(50, 20, 20_000, "perfdhcp-hot-standby.log");
        Thread.sleep(7_000);
        int downs = b.logCount("to=partner-down");
        int ups = b.logCount("from=partner-down to=hot-standby");
        a.kill9();
        long killed = System.nanoTime();
        b.awaitLog("to=partner-down", downs + 1, 15);
        long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        // A phone booting during the failover: udhcpc retries until the standby answers.
        net.in(net.client, "ip", "link", "add", "ph0", "link", "eth0", "type", "macvlan", "mode", "bridge");
        net.in(net.client, "ip", "link", "set", "ph0", "address", "02:14:aa:00:00:01", "up");
        Path env = work.resolve("udhcpc-failover.env");
        Sh.Result phone = Sh.run(Sh.in(net.client, "env", "PHONEPROV_DHCP_OUT=" + env, "udhcpc", "-i", "ph0", "-f",
                "-q", "-n", "-t", "10", "-T", "1", "-A", "1", "-s", work.resolve("udhcpc.script").toString()), 60);
        assertEquals(0, phone.code(), "a phone booting during the failover gets a lease: " + phone.out() + phone.err()
                + b.logText());
        // Phones powering up during the failover provision from the standby (DHCP, TFTP, HTTP).
        Sh.Result phones = Sh.run(Sh.in(net.client, "java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                "--config", cfgB.toString(), "--state", work.resolve("phones").toString(), "--phones", "8"), 150);
        assertEquals(0, phones.code(), "every simulated phone provisions during the failover: " + phones.out()
                + phones.err() + b.logText());
        assertTrue(phones.out().contains("provisioned:  8 of 8"), phones.out());
        assertTrue(load.waitFor(60, TimeUnit.SECONDS), "perfdhcp ends");
        List<Pcap.Ack> acks = stop(dump, pcap);

        assertTrue(takeoverMs <= MAX_RESPONSE_MS + HEARTBEAT_MS + 1_500, "the standby took over in " + takeoverMs
                + " ms (max_response_delay " + MAX_RESPONSE_MS + " ms): " + b.logText());
        assertTrue(from(acks, A_IP) > 100, "the primary served before the kill: " + from(acks, A_IP) + "\n"
                + Files.readString(work.resolve("perfdhcp-hot-standby.log")));
        assertTrue(from(acks, B_IP) > 100, "the standby served after it: " + from(acks, B_IP));
        Map<Integer, String> last = uniqueAcks(acks);
        Map<String, String> rows = activeRows();
        List<String> missing = new ArrayList<>();
        last.forEach((address, mac) -> {
            if (!mac.replace(":", "").equalsIgnoreCase(rows.get(ip(address)))) {
                missing.add(ip(address) + " " + mac + " (row: " + rows.get(ip(address)) + ")");
            }
        });
        assertEquals(List.of(), missing, "every ACKed lease is a row of the shared table (" + last.size()
                + " addresses)");

        PhoneprovProcess back = start(nsA, cfgA, "a-again.log");
        back.awaitLog("ha.state node=dhcp-a from=ready to=hot-standby", 60);
        b.awaitLog("from=partner-down to=hot-standby", ups + 1, 20);
        Sh.Result rejoined = phoneprov(nsA, "ha", "status", "--config", cfgA.toString());
        assertEquals(0, rejoined.code(), rejoined.out() + rejoined.err());
        assertTrue(rejoined.out().contains("hot-standby, serving own"), rejoined.out());
        assertTrue(back.logText().contains("leases synced:"), back.logText());
        assertEquals(0, back.stop(15), back.logText());
        assertEquals(0, b.stop(15), b.logText());
        for (PhoneprovProcess p : List.of(back, b)) {
            assertFalse(p.logText().contains("Exception in thread"), p.logText());
        }
        System.out.println("HaLabIT hot-standby: takeover " + takeoverMs + " ms; ACKs " + acks.size() + " (primary "
                + from(acks, A_IP) + ", standby " + from(acks, B_IP) + "); " + last.size() + " addresses, all rows");
    }

    @Test
    @Order(2)
    void loadBalancingOnTwoSqliteFilesOverMutualTlsSharesTheClientsAndEachFileHasEveryLease() throws Exception {
        Path certs = work.resolve("ha-certs");
        Sh.Result made = phoneprov(nsA, "cert", "init", "--dir", certs.toString(), "--ip", A_IP, "--ip", B_IP);
        assertEquals(0, made.code(), made.out() + made.err());
        Path cfgA = node("lb-a", "dhcp-a", A_IP, "load-balancing", false, certs);
        Path cfgB = node("lb-b", "dhcp-b", B_IP, "load-balancing", false, certs);
        PhoneprovProcess a = start(nsA, cfgA, "lb-a.log");
        PhoneprovProcess b = start(nsB, cfgB, "lb-b.log");
        awaitPair(a, b, "load-balancing");
        assertTrue(a.logText().contains("tls=mutual"), a.logText());
        // A caller without the pair's certificate gets no TLS session, whatever it knows.
        Sh.Result stranger = Sh.run(Sh.in(net.client, "curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}",
                "-X", "POST", "https://" + A_IP + ":8647/ha/v1/heartbeat"), 20);
        assertTrue(stranger.code() != 0 || stranger.out().equals("000"), "no certificate, no session: "
                + stranger.out() + stranger.err());
        Sh.Result st = phoneprov(nsB, "ha", "status", "--config", cfgB.toString(), "--node", "dhcp-a");
        assertEquals(0, st.code(), st.out() + st.err());
        assertTrue(st.out().contains("partner dhcp-b at https://" + B_IP + ":8647: load-balancing"), st.out());

        Path pcap = work.resolve("load-balancing.pcap");
        Process dump = tcpdump(pcap);
        Process load = perfdhcp(50, 8, 20_000, "perfdhcp-load-balancing.log");
        assertTrue(load.waitFor(60, TimeUnit.SECONDS), "perfdhcp ends");
        List<Pcap.Ack> both = stop(dump, pcap);
        long byA = from(both, A_IP);
        long byB = from(both, B_IP);
        assertTrue(byA > 50 && byB > 50, "each node answers its half (RFC 3074): " + byA + " / " + byB + "\n"
                + Files.readString(work.resolve("perfdhcp-load-balancing.log")) + a.logText() + b.logText());
        Map<Integer, String> last = uniqueAcks(both);

        Map<String, String> inA = leasesOf(nsA, cfgA);
        Map<String, String> inB = leasesOf(nsB, cfgB);
        List<String> missing = new ArrayList<>();
        last.forEach((address, mac) -> {
            if (!mac.equals(inA.get(ip(address))) || !mac.equals(inB.get(ip(address)))) {
                missing.add(ip(address) + " " + mac + " (a: " + inA.get(ip(address)) + ", b: " + inB.get(ip(address))
                        + ")");
            }
        });
        assertEquals(List.of(), missing, "each node's own file has every lease either node ACKed");

        int downs = a.logCount("to=partner-down");
        b.kill9();
        a.awaitLog("to=partner-down", downs + 1, 15);
        Path pcap2 = work.resolve("survivor.pcap");
        Process dump2 = tcpdump(pcap2);
        Process load2 = perfdhcp(50, 6, 20_000, "perfdhcp-survivor.log");
        assertTrue(load2.waitFor(60, TimeUnit.SECONDS), "perfdhcp ends");
        List<Pcap.Ack> alone = stop(dump2, pcap2);
        assertTrue(from(alone, A_IP) > 150, "the survivor serves every client: " + from(alone, A_IP));
        assertEquals(0, from(alone, B_IP));
        List<Pcap.Ack> all = new ArrayList<>(both);
        all.addAll(alone);
        uniqueAcks(all);
        assertEquals(0, a.stop(15), a.logText());
        assertFalse(a.logText().contains("Exception in thread"), a.logText());
        System.out.println("HaLabIT load-balancing: ACKs dhcp-a " + byA + ", dhcp-b " + byB + "; survivor alone "
                + from(alone, A_IP));
    }
}
