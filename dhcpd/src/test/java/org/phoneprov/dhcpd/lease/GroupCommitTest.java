package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;

/** Many concurrent commits share fsyncs; a full queue fails fast; close drains. */
class GroupCommitTest {
    static final int BASE = Ip4.parse("10.0.0.0");

    @TempDir
    Path dir;

    static Lease lease(int i) {
        return new Lease(BASE + i, Mac.of(0x020000000000L + i), "", 1_000_000L + i, LeaseState.ACTIVE, i);
    }

    /** Commits {@code perThread} leases from each of {@code threads} threads; returns every future. */
    static List<CompletableFuture<Void>> commitConcurrently(LeaseStore store, int threads, int perThread)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<CompletableFuture<Void>>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                parts.add(pool.submit(() -> {
                    List<CompletableFuture<Void>> mine = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        mine.add(store.commit(lease(offset + i)));
                    }
                    return mine;
                }));
            }
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (Future<List<CompletableFuture<Void>>> p : parts) {
                all.addAll(p.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    static void awaitAll(List<CompletableFuture<Void>> all) throws Exception {
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void fiveThousandConcurrentCommitsShareTransactions() throws Exception {
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir)) {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> all = commitConcurrently(store, 8, 625);
            awaitAll(all);
            long nanos = System.nanoTime() - start;
            assertEquals(5000, all.size());
            assertTrue(all.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
            assertEquals(5000, store.loadAll().size());
            assertEquals(5000, store.committedCount());
            long tx = store.transactionCount();
            assertTrue(tx < 5000, "batched: " + tx + " transactions for 5000 leases");
            System.out.printf("lease.store.group_commit leases=5000 threads=8 transactions=%d"
                    + " rate=%.0f commits/s%n", tx, 5000 / (nanos / 1e9));
        }
    }

    @Test
    void aFullQueueFailsAtOnceAndTheAdmittedLeasesAreStillWritten() throws Exception {
        int capacity = 50;
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir, capacity);
             Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
            List<CompletableFuture<Void>> admitted = new ArrayList<>();
            CompletableFuture<Void> refused = null;
            try (Statement st = blocker.createStatement()) {
                st.execute("BEGIN IMMEDIATE"); // hold the write lock: the committer waits, the queue fills
                for (int i = 0; i < 10 * capacity && refused == null; i++) {
                    CompletableFuture<Void> f = store.commit(lease(i));
                    if (f.isCompletedExceptionally()) {
                        refused = f;
                    } else {
                        admitted.add(f);
                    }
                }
                st.execute("ROLLBACK");
            }
            assertTrue(refused != null, "the queue filled");
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    refused::join);
            assertTrue(assertInstanceOf(StoreException.class, e.getCause()).getMessage().contains("queue full"));
            assertEquals(1, store.rejectedCount());
            awaitAll(admitted);
            assertEquals(admitted.size(), store.loadAll().size());
            // the queue's capacity, plus at most one batch the committer took before it blocked
            assertTrue(admitted.size() >= capacity && admitted.size() <= 2 * capacity, "" + admitted.size());
        }
    }

    @Test
    void closeWritesEverythingQueued() throws Exception {
        SqliteLeaseStore store = SqliteLeaseStore.open(dir);
        List<CompletableFuture<Void>> all = commitConcurrently(store, 4, 1000);
        store.close();
        assertTrue(all.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()),
                "every admitted commit completed before close returned");
        try (SqliteLeaseStore reopened = SqliteLeaseStore.open(dir)) {
            assertEquals(4000, reopened.loadAll().size());
        }
    }

    @Test
    void aFailedWriteFailsItsFuturesAndTheStoreCarriesOn() throws Exception {
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + store.file());
             Statement st = other.createStatement()) {
            st.execute("CREATE TRIGGER no_bad BEFORE INSERT ON lease WHEN NEW.client_class = 'bad'"
                    + " BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
            CompletableFuture<Void> bad = store.commit(
                    new Lease(BASE, Mac.of(1), "bad", 0, LeaseState.ACTIVE, 0));
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, bad::join);
            assertTrue(assertInstanceOf(StoreException.class, e.getCause()).getMessage().contains("refused by test"));
            store.commit(lease(1)).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(lease(1)), store.loadAll());
        }
    }
}
