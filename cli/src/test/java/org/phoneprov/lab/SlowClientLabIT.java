package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.common.provision.InfFile;

/**
 * Slow and silent clients against the whole suite (examples/lab, with the caps lowered so
 * 500 connections reach them): 300 connections from ten addresses and 200 from one, half
 * of them silent, half sending a request one byte a second ({@link SlowClients}), plus ten
 * that fetch a file and then stay silent on the kept-alive connection. While they are
 * open, curl fetches every model's INF and configs from another address and simulated
 * phones boot; then every slow connection is seen closed at the head deadline counted
 * from its accept (bytes did not extend it), the kept-alive ones at the keep-alive
 * timeout, and the one address never held more than its cap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowClientLabIT {
    /** The defaults for the two timeouts; the caps (default 4096 and 64) lowered so 500 connections reach both. */
    static final int HEAD_SECONDS = 10;
    static final int KEEPALIVE_SECONDS = 5;
    static final int MAX_CONNECTIONS = 256;
    static final int MAX_PER_CLIENT = 40;
    static final String LIMITS = "  limits: {request_head_seconds: " + HEAD_SECONDS + ", keepalive_seconds: "
            + KEEPALIVE_SECONDS + ", max_connections: " + MAX_CONNECTIONS + ", max_per_client: " + MAX_PER_CLIENT
            + "}\n";
    /** The one address that opens more than its cap. */
    static final String GREEDY = "10.77.0.50";
    /** Ten addresses, each under its cap, together over the total. */
    static final List<String> CROWD = List.of("10.77.0.60", "10.77.0.61", "10.77.0.62", "10.77.0.63", "10.77.0.64",
            "10.77.0.65", "10.77.0.66", "10.77.0.67", "10.77.0.68", "10.77.0.69");
    /** Ten connections that fetch one file and then go silent: power-cycled phones. */
    static final String KEPT = "10.77.0.70";

    static LabNet net;
    static String slowNs;
    static Path work;
    static Path config;
    static PhoneprovProcess server;
    static PhoneprovProcess clients;
    static Path clientsLog;
    /** Server-side samples taken while the slow connections were open: peer address to connections. */
    static final List<Map<String, Integer>> samples = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "curl", "java", "ss");
        work = Files.createTempDirectory("phoneprov-slowlab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        config = work.resolve("phoneprov.yaml");
        String yaml = Files.readString(config);
        assertTrue(yaml.contains("httpd:\n  enabled: true\n"), "examples/lab changed: " + yaml);
        Files.writeString(config, yaml.replace("httpd:\n  enabled: true\n", "httpd:\n  enabled: true\n" + LIMITS));
        net = LabNet.create();
        // The phones' namespace, as in PhoneLabIT: a route for DHCP broadcasts, lease ranges local.
        net.phoneLan(net.client);
        slowNs = net.host(net.namespace("slow"), GREEDY + "/16");
        for (String a : CROWD) {
            net.in(slowNs, "ip", "addr", "add", a + "/16", "dev", "eth0");
        }
        net.in(slowNs, "ip", "addr", "add", KEPT + "/16", "dev", "eth0");
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString());
        server.awaitLog("suite.started", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
        if (net != null) {
            net.close();
        }
        LabNet.deleteTree(work);
    }

    static String log() {
        return server.logText();
    }

    /** httpd's open connections by peer address, from the server's namespace (sockets with a descriptor). */
    static Map<String, Integer> held() {
        Map<String, Integer> by = new HashMap<>();
        String out = Sh.run(Sh.in(net.server, "ss", "-Htnp", "state", "established", "( sport = :80 )"), 10).out();
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && line.contains("users:")) {
                // The listener is a dual-stack socket: peers show as [::ffff:10.77.0.50]:40000.
                String peer = f[3].substring(0, f[3].lastIndexOf(':')).replace("[::ffff:", "").replace("]", "");
                by.merge(peer, 1, Integer::sum);
            }
        }
        return by;
    }

    static int slow(Map<String, Integer> sample) {
        int n = sample.getOrDefault(GREEDY, 0) + sample.getOrDefault(KEPT, 0);
        for (String a : CROWD) {
            n += sample.getOrDefault(a, 0);
        }
        return n;
    }

    record Fetched(String status, double seconds, String body) {
    }

    /** A curl fetch from the phones' namespace (10.77.0.2). */
    static Fetched fetch(String method, String url) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-X", method,
                "-w", "\n%{http_code} %{time_total}"));
        if (method.equals("POST")) {
            cmd.addAll(List.of("--data-binary", ""));
        }
        cmd.add(url);
        String out = Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 20).out();
        int nl = out.lastIndexOf('\n');
        String[] w = out.substring(nl + 1).trim().split(" ");
        return new Fetched(w[0], w.length > 1 ? Double.parseDouble(w[1]) : -1, nl < 0 ? "" : out.substring(0, nl));
    }

    @Test
    @Order(1)
    void phonesProvisionWhileFiveHundredSlowConnectionsAreOpen() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                Path.of(SlowClients.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                SlowClients.class.getName(), LabNet.SERVER_IP + ":80", String.valueOf(HEAD_SECONDS + 15)));
        for (String a : CROWD) {
            cmd.add(a + ":15:15");
        }
        cmd.add(GREEDY + ":100:100");
        cmd.add(KEPT + ":0:0:10");
        clientsLog = work.resolve("slow-clients.log");
        clients = PhoneprovProcess.startCommand(slowNs, clientsLog, cmd.toArray(String[]::new));
        clients.awaitLog("READY", 30);
        assertTrue(clients.logText().contains("READY 510"), clients.logText());
        long ready = System.currentTimeMillis();
        // The kernel has completed every handshake; httpd accepts (and resets the refused) right behind it.
        Map<String, Integer> first = held();
        while (first.getOrDefault(GREEDY, 0) != MAX_PER_CLIENT || slow(first) < MAX_CONNECTIONS - 1) {
            assertTrue(System.currentTimeMillis() < ready + 5000, "the slow clients did not fill the table: " + first);
            Thread.sleep(100);
            first = held();
        }
        samples.add(first);

        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                samples.add(held());
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            // What an ST20xx fetches over HTTP (seed 2.5): its INF, then its configs (POST) from the URLs in it.
            int fetches = 0;
            double slowest = 0;
            for (Map.Entry<String, String> phone : HttpLabIT.PHONES.entrySet()) {
                String inf = HttpLabIT.BASE + phone.getKey() + "_" + phone.getValue() + ".inf";
                Fetched r = fetch("GET", inf);
                assertEquals("200", r.status(), inf + " " + r);
                assertTrue(r.seconds() < 2.0, inf + " took " + r.seconds() + " s");
                slowest = Math.max(slowest, r.seconds());
                InfFile parsed = InfFile.parse(r.body());
                List<String> urls = new ArrayList<>(List.of(parsed.first("common_config").orElseThrow(),
                        parsed.first("telcfg").orElseThrow(),
                        parsed.first("config").orElseThrow() + phone.getKey() + "_" + phone.getValue() + ".txt"));
                for (String url : urls) {
                    Fetched c = fetch("POST", url);
                    assertEquals("200", c.status(), url);
                    assertTrue(c.seconds() < 2.0, url + " took " + c.seconds() + " s");
                    fetches++;
                    slowest = Math.max(slowest, c.seconds());
                }
            }
            long phonesFrom = System.currentTimeMillis();
            Sh.Result sim = Sh.run(Sh.in(net.client, "java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                    "--config", config.toString(), "--state", work.resolve("phones").toString(), "--phones", "8",
                    "--every-phone"), 120);
            assertEquals(0, sim.code(), () -> sim.out() + sim.err() + log());
            assertTrue(sim.out().contains("provisioned:  8 of 8"), sim.out());
            long phonesDone = System.currentTimeMillis();
            Map<String, Integer> last = held();
            samples.add(last);
            System.out.printf("SlowClientLabIT: %d curl fetches (the slowest %.3f s) and 8 phones (%d ms) done %d ms"
                    + " after the slow clients were ready; slow connections still open: %d%n", fetches + 4, slowest,
                    phonesDone - phonesFrom, phonesDone - ready, slow(last));
            assertTrue(phonesDone - ready < HEAD_SECONDS * 1000L - 500, "the phones were done while the slow"
                    + " connections were still open (" + (phonesDone - ready) + " ms)");
        } finally {
            sampler.interrupt();
            sampler.join(5000);
        }
        int maxGreedy = 0;
        int maxTotal = 0;
        for (Map<String, Integer> s : samples) {
            assertTrue(s.getOrDefault(GREEDY, 0) <= MAX_PER_CLIENT, "per-address cap: " + s);
            int total = s.values().stream().mapToInt(Integer::intValue).sum();
            // +1: a newcomer is admitted before the connection closed for it is gone from its event loop.
            assertTrue(total <= MAX_CONNECTIONS + 1, "total cap: " + total + " " + s);
            maxGreedy = Math.max(maxGreedy, s.getOrDefault(GREEDY, 0));
            maxTotal = Math.max(maxTotal, total);
        }
        System.out.printf("SlowClientLabIT: %d samples of httpd's connections: at most %d from %s, %d in all%n",
                samples.size(), maxGreedy, GREEDY, maxTotal);
    }

    record Conn(String from, String kind, long connectMs, long endMs, long responseMs, int sent, String end) {
        long lived() {
            return endMs - connectMs;
        }
    }

    @Test
    @Order(2)
    void theSlowConnectionsWereClosedAtTheHeadDeadlineAndTheKeptOnesAtTheKeepalive() throws Exception {
        clients.awaitLog("DONE", HEAD_SECONDS + 20);
        List<Conn> conns = new ArrayList<>();
        for (String l : clients.logText().lines().filter(l -> l.startsWith("CONN ")).toList()) {
            String[] f = l.split(" ");
            conns.add(new Conn(f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Integer.parseInt(f[6]), f[7]));
        }
        assertEquals(510, conns.size());
        String summary = clients.logText();
        assertTrue(conns.stream().noneMatch(c -> c.end.equals("open") || c.end.equals("failed")),
                "every connection was accepted, and closed by the server: " + summary);

        long head = HEAD_SECONDS * 1000L;
        List<Conn> greedy = conns.stream().filter(c -> c.from.equals(GREEDY)).toList();
        List<Conn> refused = greedy.stream().filter(c -> c.lived() < 1000).toList();
        assertEquals(200 - MAX_PER_CLIENT, refused.size(), "over the cap: refused at once");
        assertTrue(refused.stream().allMatch(c -> c.responseMs < 0), "refused without an answer");
        List<Conn> slow = conns.stream().filter(c -> !c.kind.equals("kept")).toList();
        for (Conn c : slow) {
            assertTrue(c.lived() <= head + 1500, "no slow connection outlives the head deadline: " + c);
        }
        List<Conn> atDeadline = slow.stream().filter(c -> c.lived() >= head - 500).toList();
        assertEquals(MAX_PER_CLIENT, atDeadline.stream().filter(c -> c.from.equals(GREEDY)).count(),
                "the greedy address's admitted connections ran to the deadline: " + atDeadline);
        assertTrue(atDeadline.size() >= 120, "the survivors of the crowd too: " + atDeadline.size());
        List<Conn> drips = atDeadline.stream().filter(c -> c.kind.equals("drip")).toList();
        assertTrue(drips.size() >= 60, "drips at the deadline: " + drips.size());
        System.out.printf("SlowClientLabIT: %d of %d from %s refused at accept; %d slow connections ran to the"
                + " deadline (%d dripping), closed %d-%d ms after their connect; %d kept-alive closed %d-%d ms after"
                + " their response%n", refused.size(), greedy.size(), GREEDY, atDeadline.size(), drips.size(),
                atDeadline.stream().mapToLong(Conn::lived).min().orElse(-1),
                atDeadline.stream().mapToLong(Conn::lived).max().orElse(-1), conns.stream()
                        .filter(c -> c.kind.equals("kept")).count(),
                conns.stream().filter(c -> c.kind.equals("kept")).mapToLong(c -> c.endMs - c.responseMs).min()
                        .orElse(-1),
                conns.stream().filter(c -> c.kind.equals("kept")).mapToLong(c -> c.endMs - c.responseMs).max()
                        .orElse(-1));
        for (Conn c : drips) {
            assertTrue(c.sent >= HEAD_SECONDS - 1, "a byte a second did not move the deadline: " + c);
        }
        List<Conn> kept = conns.stream().filter(c -> c.kind.equals("kept")).toList();
        for (Conn c : kept) {
            assertTrue(c.responseMs >= 0, "served: " + c);
            long silent = c.endMs - c.responseMs;
            assertTrue(silent >= KEEPALIVE_SECONDS * 1000L - 500 && silent <= KEEPALIVE_SECONDS * 1000L + 1500,
                    "a silent kept-alive connection closes at the keep-alive timeout, not the head deadline: " + c);
        }
    }

    @Test
    @Order(3)
    void theSuiteStopsAndCountsWhatTheLimitsDid() throws Exception {
        assertEquals(0, server.stop(15), log());
        String text = log();
        assertFalse(text.contains("\tat ") || text.contains("Exception in"), "no stack traces: " + text);
        Matcher m = Pattern.compile("httpd\\.stopped forced=\\d+ head_timeouts=(\\d+) keepalive_closed=(\\d+)"
                + " refused_per_client=(\\d+) refused_max_connections=(\\d+) evicted=(\\d+)").matcher(text);
        assertTrue(m.find(), text);
        System.out.println("SlowClientLabIT: " + m.group());
        long headTimeouts = Long.parseLong(m.group(1));
        assertTrue(headTimeouts >= 120, m.group());
        assertTrue(Long.parseLong(m.group(2)) >= 10, m.group());
        assertEquals(200 - MAX_PER_CLIENT, Long.parseLong(m.group(3)), m.group());
        assertEquals(0, Long.parseLong(m.group(4)), "never all busy: " + m.group());
        // The crowd's 300 went over the total by 44, the greedy address's 40 and the kept 10 made room too,
        // and so did every phone's and curl's connection.
        assertTrue(Long.parseLong(m.group(5)) >= 94, m.group());
        long lines = text.lines().filter(l -> l.contains("httpd.head_timeout ")).count();
        assertTrue(lines > 0 && lines < headTimeouts, "rate-limited: " + lines + " lines for " + headTimeouts);
        assertTrue(text.contains("httpd.client_limit action=refused client=" + GREEDY + ":"), text);
        assertTrue(text.contains("httpd.connection_limit action=evicted"), text);
    }
}
