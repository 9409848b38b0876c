package org.phoneprov.dhcpd.lease;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.phoneprov.common.events.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in {@code <stateDir>/leases.db} (SQLite, WAL, synchronous=FULL), written by one
 * committer thread with group commit ({@link GroupCommitter}): every queued lease in one
 * transaction, all their futures completed after that one commit (one fsync).
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
    private final Connection connection;
    private final PreparedStatement upsert;
    private final GroupCommitter committer;
    private boolean closed; // guarded by this

    private SqliteLeaseStore(Path file, Connection connection, int capacity) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.upsert = connection.prepareStatement(LeaseDb.UPSERT);
        this.committer = new GroupCommitter(file.toString(), "the disk", capacity, this::write);
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
        return committer.commit(lease);
    }

    /** Transactions committed so far; with group commit, far fewer than {@link #committedCount()}. */
    public long transactionCount() {
        return committer.transactionCount();
    }

    /** Leases made durable so far. */
    public long committedCount() {
        return committer.committedCount();
    }

    /** Commits refused because the queue was full. */
    public long rejectedCount() {
        return committer.rejectedCount();
    }

    @Override
    public void close() {
        committer.close(); // writes what is queued first; idempotent
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LeaseDb.closeQuietly(upsert);
        LeaseDb.closeQuietly(connection);
        LOG.info("lease.store.closed file={} committed={} transactions={} rejected={}",
                file, committedCount(), transactionCount(), rejectedCount());
    }

    /** One node's own file: nothing to refuse (its allocator decided every row). */
    private java.util.Map<Integer, LeaseConflict> write(List<Lease> batch, java.util.BitSet over)
            throws StoreException {
        try {
            for (Lease l : batch) {
                LeaseDb.bind(upsert, l);
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
            return java.util.Map.of();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            StoreException failure = LeaseDb.failure(file, e instanceof SQLException se ? se
                    : new SQLException(e.toString(), e));
            LOG.error("lease.store.write_failed file={} leases={}: {}", file, batch.size(), failure.getMessage());
            throw failure;
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
