package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.testsupport.PgServer;

/**
 * dhcpd on the PostgreSQL store (issue 14, item 1) in the lab: a real server from Debian's
 * package on 127.0.0.1 of the server namespace, {@code phoneprov db migrate}, udhcpc clients
 * whose every ACKed lease must be a row; then the database stopped (the clients get no ACK,
 * the log says so once per interval) and started again (a new client gets a lease, with
 * nothing restarted). First, a suite refuses to start on a database never migrated.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgLabIT {
    static final String PASSWORD = "lab 'pw";
    static LabNet net;
    static Path work;
    static PgServer pg;
    static PhoneprovProcess server;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "udhcpc", "java");
        PgServer.require();
        work = Files.createTempDirectory("phoneprov-pglab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        Path script = work.resolve("udhcpc.script");
        try (var in = PgLabIT.class.getResourceAsStream("/lab/udhcpc.script")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().setExecutable(true);
        net = LabNet.createBare();
        pg = PgServer.start(net.server);
        pg.createRole("phoneprov", PASSWORD);
        pg.createDatabase("phoneprov", "phoneprov");
        pg.createDatabase("unmigrated", "phoneprov");
        Files.writeString(work.resolve("db.password"), PASSWORD + "\n");
        String lab = Files.readString(work.resolve("phoneprov.yaml"));
        Files.writeString(work.resolve("phoneprov.yaml"), lab + store("phoneprov"));
        Files.writeString(work.resolve("unmigrated.yaml"), lab + store("unmigrated"));
    }

    static String store(String database) {
        return "\nstore:\n  type: postgresql\n  url: \"" + pg.url(database) + "\"\n  user: phoneprov\n"
                + "  password_file: db.password\n";
    }

    @AfterAll
    static void stopLab() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (pg != null) {
                    pg.close();
                }
            } finally {
                LabNet.tearDown(null, net, work);
            }
        }
    }

    static Sh.Result phoneprov(String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString()));
        cmd.addAll(List.of(args));
        return Sh.run(Sh.in(net.server, cmd.toArray(String[]::new)), 90);
    }

    /** One udhcpc run with {@code mac}: the lease's variables, or empty when no ACK came. */
    static Optional<Map<String, String>> lease(String mac) throws IOException {
        net.in(net.client, "ip", "link", "set", "eth0", "address", mac);
        Path out = work.resolve("udhcpc-" + mac.replace(":", "") + ".env");
        Files.deleteIfExists(out);
        Sh.Result r = Sh.run(Sh.in(net.client, "env", "PHONEPROV_DHCP_OUT=" + out, "udhcpc", "-i", "eth0", "-f", "-q",
                "-n", "-t", "3", "-T", "1", "-A", "1", "-s", work.resolve("udhcpc.script").toString()), 60);
        return r.code() == 0 && Files.exists(out) ? Optional.of(DhcpLabIT.env(out)) : Optional.empty();
    }

    /** The lease row of {@code ip} as psql prints it: {@code MAC|STATE}. */
    static String row(String ip) {
        String[] o = ip.split("\\.");
        long address = (Long.parseLong(o[0]) << 24) | (Long.parseLong(o[1]) << 16) | (Long.parseLong(o[2]) << 8)
                | Long.parseLong(o[3]);
        return pg.psql("phoneprov", "SELECT mac, state FROM lease WHERE address = " + address).trim();
    }

    @Test
    @Order(1)
    void aSuiteRefusesADatabaseThatWasNeverMigratedAndSaysWhatToRun() {
        Sh.Result r = phoneprov("run", "--config", work.resolve("unmigrated.yaml").toString(), "--only", "dhcpd");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("has no phoneprov schema yet; run 'phoneprov db migrate --config FILE'"),
                r.out() + r.err());
        assertFalse(r.out().contains("dhcpd.listening"), r.out());
        assertEquals("0", pg.psql("unmigrated", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").trim(),
                "a node never creates the schema by itself");
    }

    @Test
    @Order(2)
    void afterDbMigrateEveryAckedLeaseIsARow() throws Exception {
        Sh.Result m = phoneprov("db", "migrate", "--config", work.resolve("phoneprov.yaml").toString());
        assertEquals(0, m.code(), m.out() + m.err());
        assertTrue(m.out().contains("schema version 0 -> 4: applied V1 leases, V2 events, V3 gigaset, V4 acs"), m.out());
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config",
                work.resolve("phoneprov.yaml").toString(), "--only", "dhcpd");
        server.awaitLog("dhcpd.listening", 60);
        assertTrue(server.logText().contains("lease.store.open database=" + pg.url("phoneprov")), server.logText());
        for (String mac : List.of("02:14:00:00:00:01", "02:14:00:00:00:02", "00:14:7f:77:00:01")) {
            Map<String, String> e = lease(mac).orElseThrow(() -> new AssertionError("no lease for " + mac + ": "
                    + server.logText()));
            assertEquals(mac.replace(":", "").toUpperCase(java.util.Locale.ROOT) + "|ACTIVE", row(e.get("ip")),
                    "the ACKed lease of " + mac + " at " + e.get("ip"));
        }
        assertEquals("10.77.1.1", DhcpLabIT.env(work.resolve("udhcpc-00147f770001.env")).get("ip"),
                "the inventory's fixed address, read as with SQLite");
    }

    @Test
    @Order(3)
    void whileTheDatabaseIsDownNoClientGetsAnAckAndTheLogSaysSoOncePerInterval() throws Exception {
        int before = server.logCount("lease.store.unavailable");
        pg.stop();
        long start = System.nanoTime();
        int attempts = 0;
        while (System.nanoTime() - start < 21_000_000_000L) {
            String mac = String.format("02:14:00:00:01:%02x", attempts++);
            assertEquals(Optional.empty(), lease(mac), "no ACK without the database: " + mac);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int lines = server.logCount("lease.store.unavailable") - before;
        assertTrue(lines >= 2 && lines <= seconds / 10 + 1, lines + " lease.store.unavailable lines in " + seconds
                + " s of failing commits (" + attempts + " clients): " + server.logText());
        assertTrue(server.logText().contains("(no ACK sent: a lease is never promised unstored)"), server.logText());
        assertTrue(server.alive(), "dhcpd keeps serving while the database is away");
    }

    @Test
    @Order(4)
    void whenTheDatabaseIsBackANewClientGetsALeaseWithNothingRestarted() throws Exception {
        pg.startAgain();
        Optional<Map<String, String>> e = Optional.empty();
        for (int i = 0; i < 3 && e.isEmpty(); i++) { // the pool reconnects at the first commit after the return
            e = lease("02:14:00:00:02:01");
        }
        assertTrue(e.isPresent(), "a lease after the database came back: " + server.logText());
        assertEquals("021400000201|ACTIVE", row(e.get().get("ip")));
        server.awaitLog("lease.store.recovered", 10);
        assertEquals(0, server.stop(15), server.logText());
        assertNotEquals(-1, server.logText().indexOf("lease.store.closed"), server.logText());
        assertFalse(server.logText().contains("Exception in thread"), server.logText());
    }
}
