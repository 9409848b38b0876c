package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;

class SqliteLeaseStoreTest {
    @TempDir
    Path dir;

    static Lease lease(String ip, long mac, LeaseState state, long t) {
        return new Lease(Ip4.parse(ip), Mac.of(mac), "st2030", t + 3_600_000, state, t);
    }

    static void await(CompletableFuture<Void> f) throws Exception {
        f.get(30, TimeUnit.SECONDS);
    }

    static List<Lease> sorted(List<Lease> leases) {
        return leases.stream().sorted(Comparator.comparing(Lease::address, Integer::compareUnsigned)).toList();
    }

    @Test
    void commitThenLoadRoundTrips() throws Exception {
        List<Lease> leases = List.of(
                lease("10.77.0.10", 0x00147FE147B3L, LeaseState.ACTIVE, 1000),
                lease("192.168.1.254", 0xFFFFFFFFFFFFL, LeaseState.DECLINED, 2000),
                new Lease(Ip4.parse("255.255.255.254"), Mac.of(1), "", 0, LeaseState.RELEASED, 3),
                lease("10.77.0.11", 2, LeaseState.EXPIRED, 4000));
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir)) {
            for (Lease l : leases) {
                await(store.commit(l));
            }
            assertEquals(sorted(leases), sorted(store.loadAll()));
        }
        assertTrue(Files.exists(dir.resolve("leases.db")));
    }

    @Test
    void oneRowPerAddressAndTheLastCommitWins() throws Exception {
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir)) {
            await(store.commit(lease("10.77.0.10", 1, LeaseState.ACTIVE, 1000)));
            await(store.commit(lease("10.77.0.10", 1, LeaseState.RELEASED, 2000)));
            Lease last = lease("10.77.0.10", 2, LeaseState.ACTIVE, 3000);
            await(store.commit(last));
            assertEquals(List.of(last), store.loadAll());
        }
    }

    @Test
    void reopenSeesWhatWasCommitted() throws Exception {
        Lease l = lease("10.77.0.10", 1, LeaseState.ACTIVE, 1000);
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir)) {
            await(store.commit(l));
        }
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir)) {
            assertEquals(List.of(l), store.loadAll());
            Lease l2 = lease("10.77.0.11", 2, LeaseState.ACTIVE, 2000);
            await(store.commit(l2));
            assertEquals(sorted(List.of(l, l2)), sorted(store.loadAll()));
        }
    }

    @Test
    void usesWalAndFullSync() throws Exception {
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir)) {
            await(store.commit(lease("10.77.0.10", 1, LeaseState.ACTIVE, 1000)));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertTrue(rs.next());
                assertEquals("wal", rs.getString(1));
            }
            assertTrue(Files.exists(dir.resolve("leases.db-wal")));
        }
    }

    @Test
    void createsTheStateDirectory() throws Exception {
        Path nested = dir.resolve("a/b");
        try (SqliteLeaseStore store = SqliteLeaseStore.open(nested)) {
            assertEquals(nested.resolve("leases.db"), store.file());
        }
        assertTrue(Files.isRegularFile(nested.resolve("leases.db")));
        assertTrue(Files.notExists(nested.resolve("leases.db.new")));
    }

    @Test
    void commitAfterCloseFails() {
        SqliteLeaseStore store;
        try {
            store = SqliteLeaseStore.open(dir);
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
        store.close();
        store.close(); // idempotent
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> store.commit(lease("10.77.0.10", 1, LeaseState.ACTIVE, 1)).get(5, TimeUnit.SECONDS));
        StoreException cause = assertInstanceOf(StoreException.class, e.getCause());
        assertTrue(cause.getMessage().contains("closed"), cause.getMessage());
    }

    @Test
    void aForeignSqliteFileIsRefused() throws Exception {
        Path file = dir.resolve("leases.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE something (x)");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteLeaseStore.open(dir));
        assertTrue(e.getMessage().contains("not a phoneprov lease database"), e.getMessage());
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        SqliteLeaseStore.open(dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("leases.db"));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteLeaseStore.open(dir));
        assertTrue(e.getMessage().contains("newer phoneprov"), e.getMessage());
    }

    @Test
    void anInvalidRowFailsLoadingWithItsAddress() throws Exception {
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                 Statement st = c.createStatement()) {
                st.execute("INSERT INTO lease VALUES (167772161, 'nonsense', '', 0, 'ACTIVE', 0)");
            }
            StoreException e = assertThrows(StoreException.class, store::loadAll);
            assertTrue(e.getMessage().contains("address=167772161") && e.getMessage().contains("nonsense"),
                    e.getMessage());
        }
    }
}
