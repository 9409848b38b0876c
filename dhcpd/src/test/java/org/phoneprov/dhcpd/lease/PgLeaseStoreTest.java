package org.phoneprov.dhcpd.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.common.pg.PgDatabase;
import org.phoneprov.testsupport.PgServer;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL lease store against a real server from Debian's package (no mocks): the schema
 * check, the same rows as SQLite, group commit, and the database going away and coming back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgLeaseStoreTest {
    static final String PASSWORD = "pg 's3cret";
    static final AtomicInteger DATABASES = new AtomicInteger();
    static PgServer server;

    @BeforeAll
    static void startServer() throws Exception {
        PgServer.require();
        server = PgServer.start();
        server.createRole("phoneprov", PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A new, empty database owned by phoneprov; the settings dhcpd would read for it. */
    static StoreSettings newDatabase() {
        String name = "leases" + DATABASES.incrementAndGet();
        server.createDatabase(name, "phoneprov");
        return new StoreSettings(StoreSettings.Type.POSTGRESQL, server.url(name), "phoneprov", Optional.of(PASSWORD), 4);
    }

    static StoreSettings migrated() throws StoreException {
        StoreSettings s = newDatabase();
        try (PgDatabase db = PgDatabase.connect(s, "test")) {
            db.migrate();
        }
        return s;
    }

    static String database(StoreSettings s) {
        return s.url().substring(s.url().lastIndexOf('/') + 1);
    }

    @Test
    @Order(1)
    void anUnmigratedDatabaseIsRefusedWithTheCommandToRunAndMigrateSaysWhatItDid() throws Exception {
        StoreSettings s = newDatabase();
        StoreException e = assertThrows(StoreException.class, () -> PgLeaseStore.open(s));
        assertTrue(e.getMessage().contains("has no phoneprov schema yet; run 'phoneprov db migrate --config FILE'"),
                e.getMessage());
        try (PgDatabase db = PgDatabase.connect(s, "test")) {
            assertEquals(new PgDatabase.Migrated(0, 4, List.of("V1 leases", "V2 events", "V3 gigaset", "V4 acs")), db.migrate());
            assertEquals(new PgDatabase.Migrated(4, 4, List.of()), db.migrate(), "a second run has nothing to do");
            assertTrue(db.schema().usable());
        }
        assertEquals("address|bigint,client_class|text,expires_at|bigint,mac|text,state|text,updated_at|bigint",
                server.psql(database(s), "SELECT string_agg(column_name || '|' || data_type, ',' ORDER BY column_name)"
                        + " FROM information_schema.columns WHERE table_name = 'lease'").trim(),
                "the SQLite table's columns");
    }

    @Test
    @Order(2)
    void leasesRoundTripOneRowPerAddressAsInSqlite() throws Exception {
        StoreSettings s = migrated();
        List<Lease> leases = List.of(
                SqliteLeaseStoreTest.lease("10.77.0.10", 0x00147FE147B3L, LeaseState.ACTIVE, 1000),
                SqliteLeaseStoreTest.lease("192.168.1.254", 0xFFFFFFFFFFFFL, LeaseState.DECLINED, 2000),
                new Lease(Ip4.parse("255.255.255.254"), Mac.of(1), "", 0, LeaseState.RELEASED, 3),
                SqliteLeaseStoreTest.lease("10.77.0.11", 2, LeaseState.EXPIRED, 4000));
        Lease last = SqliteLeaseStoreTest.lease("10.77.0.10", 3, LeaseState.ACTIVE, 5000);
        try (PgLeaseStore store = PgLeaseStore.open(s)) {
            for (Lease l : leases) {
                SqliteLeaseStoreTest.await(store.commit(l));
            }
            // Another client's unexpired lease: only a fixed address (commitOver) replaces it.
            SqliteLeaseStoreTest.await(store.commitOver(last));
            List<Lease> expected = List.of(last, leases.get(1), leases.get(2), leases.get(3));
            assertEquals(SqliteLeaseStoreTest.sorted(expected), SqliteLeaseStoreTest.sorted(store.loadAll()));
        }
        assertEquals("4294967294|000000000001|RELEASED", server.psql(database(s),
                "SELECT address, mac, state FROM lease WHERE address > 4000000000").trim(), "unsigned, as in SQLite");
        try (PgDatabase db = PgDatabase.connect(s, "reader")) {
            assertEquals(4, PgLeaseStore.readAll(db).size(), "what phoneprov leases reads");
        }
    }

    @Test
    @Order(3)
    void concurrentCommitsShareTransactionsAndCloseWritesWhatIsQueued() throws Exception {
        StoreSettings s = migrated();
        PgLeaseStore store = PgLeaseStore.open(s);
        List<CompletableFuture<Void>> all = GroupCommitTest.commitConcurrently(store, 4, 500);
        store.close();
        GroupCommitTest.awaitAll(all);
        long tx = store.committer().transactionCount();
        assertTrue(tx < 2000, tx + " transactions for 2000 leases");
        assertEquals("2000", server.psql(database(s), "SELECT count(*) FROM lease").trim());
    }

    @Test
    @Order(4)
    void aSchemaNewerThanThisBuildKnowsIsRefused() throws Exception {
        StoreSettings s = migrated();
        server.psql(database(s), "INSERT INTO " + PgDatabase.HISTORY_TABLE + " (installed_rank, version, description,"
                + " type, script, checksum, installed_by, execution_time, success)"
                + " VALUES (5, '5', 'from a later phoneprov', 'SQL', 'V5__later.sql', 0, 'phoneprov', 1, true)");
        StoreException e = assertThrows(StoreException.class, () -> PgLeaseStore.open(s));
        assertTrue(e.getMessage().contains("at schema version 5, newer than this phoneprov knows (4); upgrade"),
                e.getMessage());
    }

    @Test
    @Order(5)
    void aWrongPasswordSaysSoWithoutShowingIt() throws Exception {
        StoreSettings s = migrated();
        StoreSettings wrong = new StoreSettings(s.type(), s.url(), s.user(), Optional.of("not-" + PASSWORD), 1);
        StoreException e = assertThrows(StoreException.class, () -> PgLeaseStore.open(wrong));
        assertTrue(e.getMessage().contains("password authentication failed for user \"phoneprov\""), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    @Order(6)
    void commitsAreDurableEvenWhereTheRoleTurnedSynchronousCommitOff() throws Exception {
        StoreSettings s = migrated();
        server.psql("postgres", "ALTER ROLE phoneprov SET synchronous_commit = off");
        try (PgDatabase db = PgDatabase.connect(s, "test"); Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
            assertTrue(rs.next());
            assertEquals("on", rs.getString(1));
        } finally {
            server.psql("postgres", "ALTER ROLE phoneprov RESET synchronous_commit");
        }
    }

    @Test
    @Order(7)
    void whileTheDatabaseIsDownCommitsFailAndTheLogSaysSoOnceThenItRecoversByItself() throws Exception {
        StoreSettings s = migrated();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(PgLeaseStore.class);
        log.start();
        logger.addAppender(log);
        try (PgLeaseStore store = PgLeaseStore.open(s)) {
            SqliteLeaseStoreTest.await(store.commit(GroupCommitTest.lease(1)));
            server.stop();
            long start = System.nanoTime();
            for (int i = 2; i <= 4; i++) {
                CompletableFuture<Void> f = store.commit(GroupCommitTest.lease(i));
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
                assertInstanceOf(StoreException.class, e.getCause());
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 9, "each failed within the pool's timeout: " + seconds + " s for three");
            assertEquals(1, lines(log, "lease.store.unavailable"), "one line within the interval: " + messages(log));

            server.startAgain();
            long deadline = System.nanoTime() + 30_000_000_000L;
            boolean written = false;
            while (!written && System.nanoTime() < deadline) {
                try {
                    store.commit(GroupCommitTest.lease(5)).get(20, TimeUnit.SECONDS);
                    written = true;
                } catch (ExecutionException e) {
                    Thread.sleep(200);
                }
            }
            assertTrue(written, "a commit succeeds once the server is back: " + messages(log) + server.log());
            assertEquals(1, lines(log, "lease.store.recovered"), messages(log));
            assertEquals(List.of(GroupCommitTest.lease(1), GroupCommitTest.lease(5)),
                    SqliteLeaseStoreTest.sorted(store.loadAll()), "the failed leases were never stored");
        } finally {
            logger.detachAppender(log);
        }
    }

    static long lines(ListAppender<ILoggingEvent> log, String event) {
        return log.list.stream().filter(e -> e.getFormattedMessage().startsWith(event)).count();
    }

    @Test
    @Order(8)
    void twoNodesSharingTheTableNeverLeaseOneAddressToTwoClients() throws Exception {
        StoreSettings s = migrated();
        Lease a = SqliteLeaseStoreTest.lease("10.77.0.20", 0xA, LeaseState.ACTIVE, System.currentTimeMillis());
        Lease b = SqliteLeaseStoreTest.lease("10.77.0.20", 0xB, LeaseState.ACTIVE, System.currentTimeMillis() + 1);
        try (PgLeaseStore nodeA = PgLeaseStore.open(s); PgLeaseStore nodeB = PgLeaseStore.open(s)) {
            SqliteLeaseStoreTest.await(nodeA.commit(a));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> nodeB.commit(b).get(30, TimeUnit.SECONDS));
            LeaseConflict c = assertInstanceOf(LeaseConflict.class, e.getCause());
            assertEquals(a, c.holder(), "the refusal names the lease that holds the address");
            assertTrue(c.getMessage().contains("10.77.0.20"), c.getMessage());

            // The holder renews; a RELEASED row of the other client changes nothing; once the
            // holder releases, the address is the other client's to take.
            Lease renewed = new Lease(a.address(), a.mac(), "", a.expiresAt() + 1000, LeaseState.ACTIVE,
                    a.updatedAt() + 2);
            SqliteLeaseStoreTest.await(nodeA.commit(renewed));
            SqliteLeaseStoreTest.await(nodeB.commit(new Lease(b.address(), b.mac(), "", 0, LeaseState.RELEASED,
                    b.updatedAt() + 3)));
            assertEquals(List.of(renewed), nodeB.loadAll());
            SqliteLeaseStoreTest.await(nodeA.commit(new Lease(a.address(), a.mac(), "", 0, LeaseState.RELEASED,
                    a.updatedAt() + 4)));
            Lease taken = new Lease(b.address(), b.mac(), "", b.expiresAt(), LeaseState.ACTIVE, b.updatedAt() + 5);
            SqliteLeaseStoreTest.await(nodeB.commit(taken));
            assertEquals(List.of(taken), nodeA.loadAll());

            // A node whose copy missed the renewal another node stored expires nothing that lives.
            Lease renewedB = new Lease(taken.address(), taken.mac(), "", System.currentTimeMillis() + 3_600_000,
                    LeaseState.ACTIVE, taken.updatedAt() + 1);
            SqliteLeaseStoreTest.await(nodeB.commit(renewedB));
            SqliteLeaseStoreTest.await(nodeA.commit(new Lease(taken.address(), taken.mac(), "", 0, LeaseState.EXPIRED,
                    System.currentTimeMillis())));
            assertEquals(List.of(renewedB), nodeA.loadAll(), "the renewal stands");

            // A batch with a refused lease keeps the rest of the batch.
            Lease other = SqliteLeaseStoreTest.lease("10.77.0.21", 0xC, LeaseState.ACTIVE, System.currentTimeMillis());
            CompletableFuture<Void> refused = nodeA.commit(new Lease(b.address(), a.mac(), "", b.expiresAt(),
                    LeaseState.ACTIVE, b.updatedAt() + 6));
            CompletableFuture<Void> kept = nodeA.commit(other);
            SqliteLeaseStoreTest.await(kept);
            assertInstanceOf(LeaseConflict.class, assertThrows(ExecutionException.class,
                    () -> refused.get(30, TimeUnit.SECONDS)).getCause());
            assertEquals(2, nodeA.loadAll().size());
        }
    }

    static String messages(ListAppender<ILoggingEvent> log) {
        return String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
}
