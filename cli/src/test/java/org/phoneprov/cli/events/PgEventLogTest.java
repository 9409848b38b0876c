package org.phoneprov.cli.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventLog;
import org.phoneprov.common.events.EventQuery;
import org.phoneprov.common.events.PgEventLog;
import org.phoneprov.common.events.PgEventReader;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.pg.PgDatabase;
import org.phoneprov.testsupport.LoggerTap;
import org.phoneprov.testsupport.PgServer;
import org.phoneprov.testsupport.PgServerPerClass;

/**
 * The PostgreSQL event history against a real server (Debian's package, no mocks): it answers
 * queries as the file log does, several nodes share it, and the database going away drops and
 * counts events without holding a caller, then recovers by itself. Here rather than in common,
 * whose tests cannot use test-support's PgServer (test-support depends on common).
 */
class PgEventLogTest {
    static final Mac ALICE = Mac.parse("00147FE147B3").orElseThrow();
    static final Mac BOB = Mac.parse("7C2F80123456").orElseThrow();
    /** Recent: rows older than PgEventLog's 30 days are pruned at start. */
    static final long BASE_MILLIS = System.currentTimeMillis() - 3_600_000L;
    @RegisterExtension
    static final PgServerPerClass PG = new PgServerPerClass("phoneprov", "ev-s3cret");

    @TempDir
    Path state;

    static StoreSettings newDatabase() {
        return PG.newStore("events");
    }

    static StoreSettings migrated() throws StoreException {
        StoreSettings s = newDatabase();
        try (PgDatabase db = PgDatabase.connect(s, "test")) {
            db.migrate();
        }
        return s;
    }

    /** 300 events over three daemons and two phones, some without a phone or a client, one IPv6. */
    static List<Event> events() throws Exception {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Optional<Mac> mac = i % 3 == 0 ? Optional.of(ALICE) : i % 3 == 1 ? Optional.of(BOB) : Optional.empty();
            String daemon = List.of("httpd", "tftpd", "dhcpd").get(i % 7 % 3);
            Optional<InetSocketAddress> client = i % 5 == 0 ? Optional.empty() : Optional.of(new InetSocketAddress(
                    InetAddress.getByName(i % 11 == 0 ? "fe80::1" : "10.77.0." + (i % 200 + 2)), 40000 + i));
            out.add(new Event(Instant.ofEpochMilli(BASE_MILLIS + i * 1000L + i % 4), daemon, "GET", mac,
                    "/ST2030S_" + i + "é.txt", i % 9 == 0 ? "404" : "200", 400 + i, 50 + i, client));
        }
        return out;
    }

    @Test
    void queriesAnswerAsTheFileLogDoesAndEveryRowNamesItsNode() throws Exception {
        StoreSettings s = migrated();
        List<Event> all = events();
        try (PgEventLog pg = PgEventLog.open(s, "node-a"); EventLog file = EventLog.open(state)) {
            all.forEach(pg::record);
            all.forEach(file::record);
            pg.flush();
            file.flush();
            Instant t0 = all.get(0).time();
            List<EventQuery> queries = List.of(
                    EventQuery.last(Optional.empty(), 1000),
                    EventQuery.last(Optional.of(ALICE), 7),
                    new EventQuery(Optional.of(BOB), Optional.of("tftpd"), Optional.empty(), Optional.empty(), 50),
                    new EventQuery(Optional.empty(), Optional.of("dhcpd"), Optional.of(t0.plusSeconds(100)),
                            Optional.of(t0.plusSeconds(200)), 1000),
                    new EventQuery(Optional.empty(), Optional.empty(), Optional.of(all.get(250).time()),
                            Optional.empty(), 10),
                    EventQuery.last(Optional.of(Mac.of(1)), 10));
            for (EventQuery q : queries) {
                assertEquals(file.read(q), pg.read(q), q.toString());
            }
            assertEquals(all, pg.read(EventQuery.last(Optional.empty(), 1000)), "every field round-trips");
            List<Event> scanned = new ArrayList<>();
            pg.scan(scanned::add);
            assertEquals(all, scanned);
            assertEquals(0, pg.dropped());
        }
        assertEquals("node-a|300", PG.server().psql(PgServer.database(s), "SELECT node, count(*) FROM event GROUP BY node").trim());
        String plan = PG.server().psql(PgServer.database(s), "SET enable_seqscan = off; EXPLAIN SELECT * FROM event WHERE mac ="
                + " '00147FE147B3' ORDER BY at DESC, id DESC LIMIT 10");
        assertTrue(plan.contains("event_mac_at"), "a phone's trail is read by its index: " + plan);
        try (PgEventReader reader = PgEventReader.connect(s)) {
            assertEquals(100, reader.read(EventQuery.last(Optional.of(ALICE), 1000)).size(), "what phoneprov events reads");
        }
    }

    @Test
    void textPostgresqlCannotHoldIsKeptAsTheFileLogWouldShowIt() throws Exception {
        StoreSettings s = migrated();
        Event nul = new Event(Instant.ofEpochMilli(BASE_MILLIS), "httpd", "GET", Optional.empty(), "a\0b" + "x".repeat(5000),
                "400", 0, 0, Optional.empty());
        try (PgEventLog pg = PgEventLog.open(s, "node-a")) {
            pg.record(nul);
            pg.flush();
            Event back = pg.read(EventQuery.last(Optional.empty(), 1)).get(0);
            assertTrue(back.file().startsWith("a?bxxx"), back.file());
            assertEquals(1021, back.file().length(), "cut where a file log record is cut");
            assertEquals(0, pg.dropped());
        }
    }

    @Test
    void twoNodesShareOneHistory() throws Exception {
        StoreSettings s = migrated();
        Event a = events().get(0);
        Event b = events().get(3);
        try (PgEventLog nodeA = PgEventLog.open(s, "node-a"); PgEventLog nodeB = PgEventLog.open(s, "node-b")) {
            nodeA.record(a);
            nodeB.record(b);
            nodeA.flush();
            nodeB.flush();
            assertEquals(List.of(a, b), nodeA.read(EventQuery.last(Optional.of(ALICE), 10)));
            assertEquals(List.of(a, b), nodeB.read(EventQuery.last(Optional.of(ALICE), 10)));
        }
        assertEquals("node-a|1\nnode-b|1", PG.server().psql(PgServer.database(s),
                "SELECT node, count(*) FROM event GROUP BY node ORDER BY node").trim());
    }

    @Test
    void rowsOlderThanThirtyDaysArePrunedAsTheFileLogDropsItsOldestSegments() throws Exception {
        StoreSettings s = migrated();
        PG.server().psql(PgServer.database(s), "INSERT INTO event (at, node, daemon, action, mac, file, result, bytes, micros,"
                + " client, client_port) VALUES (now() - interval '31 days', 'node-z', 'httpd', 'GET', NULL, '/old.txt',"
                + " '200', 1, 1, NULL, 0)");
        Event recent = events().get(0);
        try (PgEventLog pg = PgEventLog.open(s, "node-a")) {
            pg.record(recent);
            pg.flush();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (pg.read(EventQuery.last(Optional.empty(), 10)).size() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(recent), pg.read(EventQuery.last(Optional.empty(), 10)), "pruned once at start");
        }
    }

    @Test
    void anUnmigratedDatabaseIsRefusedWithTheCommandToRun() {
        StoreSettings s = newDatabase();
        StoreException e = assertThrows(StoreException.class, () -> PgEventLog.open(s, "node-a"));
        assertTrue(e.getMessage().contains("run 'phoneprov db migrate --config FILE'"), e.getMessage());
    }

    @Test
    void whileTheDatabaseIsDownEventsAreDroppedAndCountedWithoutWaitingThenItRecoversByItself() throws Exception {
        StoreSettings s = migrated();
        List<Event> all = events();
        try (LoggerTap log = new LoggerTap(PgEventLog.class); PgEventLog pg = PgEventLog.open(s, "node-a")) {
            pg.record(all.get(0));
            pg.flush();
            PG.server().stop();
            long start = System.nanoTime();
            for (int i = 1; i <= 100; i++) {
                pg.record(all.get(i));
            }
            long micros = (System.nanoTime() - start) / 1000;
            assertTrue(micros < 50_000, "recording never waits for the database: " + micros + " µs for 100");
            pg.flush();
            assertEquals(100, pg.dropped(), "each event of the outage dropped and counted: " + log.text());
            assertEquals(1, log.count("events.store.unavailable"), log.text());

            PG.server().startAgain();
            long deadline = System.nanoTime() + 30_000_000_000L;
            int next = 101;
            while (pg.read(EventQuery.last(Optional.empty(), 10)).size() < 2 && System.nanoTime() < deadline) {
                pg.record(all.get(next++));
                pg.flush();
                Thread.sleep(100);
            }
            List<Event> back = pg.read(EventQuery.last(Optional.empty(), 10));
            assertEquals(all.get(0), back.get(0), log.text() + PG.server().log());
            assertTrue(back.size() >= 2 && back.get(1).equals(all.get(next - 1)), "written again after the outage: " + back);
            assertEquals(1, log.count("events.store.recovered"), log.text());
        }
    }
}
