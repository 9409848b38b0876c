package org.phoneprov.dhcpd.lease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.pg.Outage;
import org.phoneprov.common.pg.PgDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in the {@code lease} table of a PostgreSQL database ({@code store: {type: postgresql}}),
 * the same columns and upsert as the SQLite store, for several nodes sharing one database. One
 * committer thread writes every queued lease in one transaction ({@link GroupCommitter}); a
 * future completes after that COMMIT has returned, which with {@code synchronous_commit} on
 * (forced by {@link PgDatabase}) means the WAL is flushed: the ACK still leaves only after its
 * lease is durable.
 *
 * <p>It opens only on the schema version this build knows; an empty database is not migrated
 * here ({@code phoneprov db migrate}, see {@link PgDatabase}). When the database goes away,
 * commits fail (so dhcpd sends no ACK) within the pool's connection timeout, the log says so
 * once per {@link Outage#INTERVAL} with a count, and the next batch after the server is back
 * is written on a new connection.
 */
public final class PgLeaseStore implements LeaseStore {
    private static final Logger LOG = LoggerFactory.getLogger(PgLeaseStore.class);

    private final PgDatabase db;
    private final GroupCommitter committer;
    private final Outage outage = new Outage(Outage.INTERVAL, System::nanoTime);

    private PgLeaseStore(PgDatabase db, int capacity) {
        this.db = db;
        this.committer = new GroupCommitter(db.url(), "the database", capacity, this::write);
    }

    /** Connects, checks the schema, and starts the committer. */
    public static PgLeaseStore open(StoreSettings settings) throws StoreException {
        return open(settings, SqliteLeaseStore.DEFAULT_QUEUE_CAPACITY);
    }

    /** As {@link #open(StoreSettings)}, with at most {@code queueCapacity} leases waiting to be written. */
    public static PgLeaseStore open(StoreSettings settings, int queueCapacity) throws StoreException {
        PgDatabase db = PgDatabase.connect(settings, "dhcpd");
        PgLeaseStore store;
        try {
            db.requireKnownSchema();
            store = new PgLeaseStore(db, queueCapacity);
        } catch (StoreException | RuntimeException e) {
            db.close();
            throw e;
        }
        store.committer.start();
        LOG.info("lease.store.open database={} queue={}", db.url(), queueCapacity);
        return store;
    }

    @Override
    public List<Lease> loadAll() throws StoreException {
        return readAll(db);
    }

    /** Every lease row of {@code db}, for tools that only read. */
    public static List<Lease> readAll(PgDatabase db) throws StoreException {
        try (Connection c = db.dataSource().getConnection()) {
            List<Lease> rows = LeaseDb.rows(c, "lease table of " + db.url(), "psql");
            c.rollback(); // read-only; ends the transaction autocommit=false opened
            return rows;
        } catch (SQLException e) {
            throw db.failure("reading leases", e);
        }
    }

    @Override
    public CompletableFuture<Void> commit(Lease lease) {
        return committer.commit(lease);
    }

    @Override
    public CompletableFuture<Void> commitOver(Lease lease) {
        return committer.commit(lease, true);
    }

    /** Its committer, whose counts tests read. */
    GroupCommitter committer() {
        return committer;
    }

    @Override
    public void close() {
        committer.close(); // writes what is queued first; idempotent
        db.close();
        LOG.info("lease.store.closed database={} committed={} transactions={} rejected={}", db.url(),
                committer.committedCount(), committer.transactionCount(), committer.rejectedCount());
    }

    /**
     * One transaction; Hikari rolls back a connection closed uncommitted, and drops a broken one.
     * Several nodes share the table, so a row is written only over a row of the same client, a
     * row that is not ACTIVE, or one that has expired ({@link LeaseDb#GUARDED_UPSERT}): an ACTIVE
     * lease that finds the address leased to someone else is refused, with that holder read in
     * the same transaction. A RELEASED or EXPIRED row of ours over another client's lease is
     * simply not written: that client's lease stands.
     */
    private Map<Integer, LeaseConflict> write(List<Lease> batch, java.util.BitSet over) throws StoreException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement upsert = c.prepareStatement(LeaseDb.GUARDED_UPSERT)) {
            for (int i = 0; i < batch.size(); i++) {
                LeaseDb.bind(upsert, batch.get(i));
                upsert.setBoolean(7, over.get(i));
                upsert.addBatch();
            }
            int[] counts = upsert.executeBatch();
            Map<Integer, LeaseConflict> refused = new HashMap<>();
            for (int i = 0; i < counts.length; i++) {
                Lease l = batch.get(i);
                if (counts[i] == 0 && l.state() == LeaseState.ACTIVE) {
                    Optional<Lease> holder = LeaseDb.rowAt(c, l.address(), "lease table of " + db.url(), "psql");
                    if (holder.isPresent() && !holder.get().mac().equals(l.mac())) {
                        refused.put(i, new LeaseConflict(l, holder.get(), db.url()));
                    }
                }
            }
            c.commit();
            outage.written().ifPresent(line -> LOG.info("lease.store.recovered database={} {}", db.url(), line));
            return refused;
        } catch (SQLException e) {
            StoreException failure = db.failure("writing " + batch.size() + " lease(s)", e);
            outage.failed(batch.size(), PgDatabase.reasonOf(e)).ifPresent(line -> LOG.warn(
                    "lease.store.unavailable database={} {} (no ACK until leases are stored again)", db.url(), line));
            throw failure;
        }
    }
}
