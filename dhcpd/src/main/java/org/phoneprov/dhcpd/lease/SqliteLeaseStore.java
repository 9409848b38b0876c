package org.phoneprov.dhcpd.lease;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.phoneprov.common.events.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in {@code <stateDir>/leases.db} (SQLite, WAL, synchronous=FULL), written by one
 * committer thread with group commit: it takes every queued lease, writes them all in one
 * transaction and completes all their futures after that one commit (one fsync). So N
 * concurrent ACKs cost one fsync and durability does not cap the lease rate.
 *
 * <p>The queue is bounded; when it is full, {@link #commit} fails at once, so the server
 * drops or NAKs rather than ACK a lease it cannot keep. Futures complete on the committer
 * thread: continue on your own executor ({@code whenCompleteAsync(..., eventLoop)}).
 */
public final class SqliteLeaseStore implements LeaseStore {
    public static final String FILE_NAME = "leases.db";
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteLeaseStore.class);

    private final Path file;
    private final int capacity;
    private final Connection connection;
    private final PreparedStatement upsert;
    private final BlockingQueue<Pending> queue;
    private final Thread committer;
    private final Object admission = new Object();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private boolean closing; // guarded by admission

    private record Pending(Lease lease, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null);
    static final long LINGER_NANOS = 2_000_000;

    private SqliteLeaseStore(Path file, Connection connection, int capacity) throws SQLException {
        this.file = file;
        this.capacity = capacity;
        this.connection = connection;
        this.upsert = connection.prepareStatement(LeaseDb.UPSERT);
        this.queue = new LinkedBlockingQueue<>(capacity + 1); // + 1: room for STOP
        this.committer = new Thread(this::runCommitter, "lease-committer");
        this.committer.setDaemon(true); // close() drains; a daemon never blocks JVM exit
    }

    /**
     * Opens (or creates) {@code <stateDir>/leases.db}. A corrupt or truncated file fails
     * with a StoreException that names it and says what to do; it is never reset.
     */
    public static SqliteLeaseStore open(Path stateDir) throws StoreException {
        return open(stateDir, DEFAULT_QUEUE_CAPACITY);
    }

    /** As {@link #open(Path)}, with at most {@code queueCapacity} leases waiting to be written. */
    public static SqliteLeaseStore open(Path stateDir, int queueCapacity) throws StoreException {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + queueCapacity);
        }
        Path file = stateDir.resolve(FILE_NAME);
        Connection c = LeaseDb.openForWriting(file);
        SqliteLeaseStore store;
        try {
            store = new SqliteLeaseStore(file, c, queueCapacity);
        } catch (SQLException e) {
            LeaseDb.closeQuietly(c);
            throw LeaseDb.failure(file, e);
        }
        store.committer.start();
        LOG.info("lease.store.open file={} queue={}", file, queueCapacity);
        return store;
    }

    public Path file() {
        return file;
    }

    @Override
    public List<Lease> loadAll() throws StoreException {
        Connection reader = LeaseDb.openForReading(file);
        try {
            return LeaseDb.readAll(reader, file);
        } finally {
            LeaseDb.closeQuietly(reader);
        }
    }

    @Override
    public CompletableFuture<Void> commit(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        Pending p = new Pending(lease, new CompletableFuture<>());
        synchronized (admission) {
            if (closing) {
                return CompletableFuture.failedFuture(
                        new StoreException("lease store " + file + " is closed; lease not written", null));
            }
            if (queue.remainingCapacity() <= 1 || !queue.offer(p)) {
                rejected.incrementAndGet();
                return CompletableFuture.failedFuture(new StoreException("lease queue full: " + capacity
                        + " leases are waiting for " + file + "; the disk is not keeping up", null));
            }
        }
        return p.done;
    }

    /** Transactions committed so far; with group commit, far fewer than {@link #committedCount()}. */
    public long transactionCount() {
        return transactions.get();
    }

    /** Leases made durable so far. */
    public long committedCount() {
        return committed.get();
    }

    /** Commits refused because the queue was full. */
    public long rejectedCount() {
        return rejected.get();
    }

    @Override
    public void close() {
        synchronized (admission) {
            if (closing) {
                joinCommitter();
                return;
            }
            closing = true;
        }
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(STOP); // after every admitted lease, so they are all written first
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        joinCommitter();
        LeaseDb.closeQuietly(upsert);
        LeaseDb.closeQuietly(connection);
        LOG.info("lease.store.closed file={} committed={} transactions={} rejected={}",
                file, committed.get(), transactions.get(), rejected.get());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void joinCommitter() {
        boolean interrupted = false;
        while (committer.isAlive()) {
            try {
                committer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void runCommitter() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread; close() stops it with STOP
            }
            batch.add(first);
            if (first != STOP) {
                // Linger a moment so a busy second's ACKs share fsyncs: at 10,000 leases/s a
                // batch per 2 ms is 20 leases per fsync instead of one or two, and a lone
                // phone waits 2 ms more for its ACK.
                LockSupport.parkNanos(LINGER_NANOS);
            }
            queue.drainTo(batch);
            // STOP is always last: nothing is admitted after it.
            boolean stop = batch.get(batch.size() - 1) == STOP;
            if (stop) {
                batch.remove(batch.size() - 1);
            }
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            }
            if (stop) {
                return;
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            for (Pending p : batch) {
                LeaseDb.bind(upsert, p.lease);
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            StoreException failure = LeaseDb.failure(file, e instanceof SQLException se ? se
                    : new SQLException(e.toString(), e));
            LOG.error("lease.store.write_failed file={} leases={}: {}", file, batch.size(), failure.getMessage());
            for (Pending p : batch) {
                p.done.completeExceptionally(failure);
            }
            return;
        }
        transactions.incrementAndGet();
        committed.addAndGet(batch.size());
        for (Pending p : batch) {
            p.done.complete(null);
        }
    }

    private void rollbackQuietly() {
        try {
            upsert.clearBatch();
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("lease.store.rollback_failed file={}: {}", file, e.getMessage());
        }
    }
}
