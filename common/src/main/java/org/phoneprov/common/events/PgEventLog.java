package org.phoneprov.common.events;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.pg.Outage;
import org.phoneprov.common.pg.PgDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event history in the {@code event} table of the PostgreSQL store, which several nodes share
 * ({@code store: {type: postgresql}}); each row names the node that recorded it. For callers it is
 * the file log ({@link EventLog}): {@link #record} only queues (the same lock-free
 * {@link EventQueue}, drop-and-count when full), one writer thread takes what came every
 * {@link EventQueue#DRAIN_MILLIS} ms and sends it as multi-row INSERTs in one transaction.
 *
 * <p>The database going away costs requests nothing: a batch that cannot be written is dropped
 * and counted ({@link #dropped}), the log says so once per {@link Outage#INTERVAL}
 * ({@code events.store.unavailable}), and the first batch written after the server is back says
 * {@code events.store.recovered}. Events are history, not state: losing some in an outage is
 * better than holding requests or memory for them. Rows older than {@link #KEEP} are deleted,
 * as the file log deletes its oldest segments. Subscribers are told of the batches this node
 * wrote; other nodes' events are in {@link #read}, not pushed.
 */
public final class PgEventLog extends QueuedEventStore {
    private static final Logger LOG = LoggerFactory.getLogger(PgEventLog.class);
    /** How long rows are kept; the file log keeps 256 MB, some weeks of a busy site. */
    static final Duration KEEP = Duration.ofDays(30);
    private static final long PRUNE_EVERY_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Rows one DELETE removes, so pruning a backlog is short transactions between batches, not one long one. */
    private static final int PRUNE_ROWS = 10_000;
    /** DELETEs per hourly round; a larger backlog is left for the next rounds. */
    private static final int PRUNE_ROUNDS = 20;
    static final int BATCH = 4096;
    /** Rows per INSERT statement: 11 parameters each, well under the protocol's 32,767. */
    static final int ROWS_PER_INSERT = 500;
    /** Longest text kept per field, as the file log's records ({@link EventCodec#MAX_STRING}). */
    private static final int MAX_TEXT = EventCodec.MAX_STRING - 3;
    private static final String INSERT = "INSERT INTO event (at, node, daemon, action, mac, file, result, bytes,"
            + " micros, client, client_port) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS inet), ?)";

    private final PgDatabase db;
    private final String node;
    private final Outage outage = new Outage(Outage.INTERVAL, System::nanoTime);
    private final PgEventReader reader;
    private final Thread writer;
    private final String fullInsert = insert(ROWS_PER_INSERT);
    private long lastPrune = System.nanoTime() - PRUNE_EVERY_NANOS;

    private PgEventLog(PgDatabase db, String node) {
        this.db = db;
        this.node = text(node);
        this.reader = new PgEventReader(db, false);
        this.writer = new Thread(this::drain, "events-writer");
        this.writer.setDaemon(true);
    }

    /** Connects (a pool named {@code events}), checks the schema, and starts the writer. */
    public static PgEventLog open(StoreSettings settings, String node) throws StoreException {
        PgDatabase db = PgDatabase.open(settings, "events");
        PgEventLog log = new PgEventLog(db, node);
        log.writer.start();
        LOG.info("events.store.open database={} node={}", db.url(), log.node);
        return log;
    }

    @Override
    public List<Event> read(EventQuery q) throws IOException {
        return reader.read(q);
    }

    @Override
    public void scan(Consumer<Event> each) throws IOException {
        reader.scan(each);
    }

    private void drain() {
        List<Event> batch = new ArrayList<>(BATCH);
        while (queue.running()) {
            try {
                queue.awaitBatch(batch, BATCH);
                if (!batch.isEmpty()) {
                    write(batch);
                    batch.clear();
                }
                queue.reportDrops(d -> LOG.warn("events.dropped total={} (the event queue was full or the database"
                        + " unavailable; requests were still served)", d));
                pruneWhenDue();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) { // never let the writer die: a dead writer drops everything after
                LOG.warn("events.write_failed database={} error=\"{}\" lost={}", db.url(), e, batch.size());
                queue.lost(batch.size());
                batch.clear();
            }
        }
    }

    /** One transaction; Hikari rolls back a connection closed uncommitted, and drops a broken one. */
    private void write(List<Event> batch) {
        try (Connection c = db.dataSource().getConnection()) {
            for (int from = 0; from < batch.size(); from += ROWS_PER_INSERT) {
                List<Event> rows = batch.subList(from, Math.min(batch.size(), from + ROWS_PER_INSERT));
                try (PreparedStatement st = c.prepareStatement(rows.size() == ROWS_PER_INSERT ? fullInsert
                        : insert(rows.size()))) {
                    int i = 0;
                    for (Event e : rows) {
                        i = bind(st, i, e);
                    }
                    st.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            outage.failed(batch.size(), PgDatabase.reasonOf(e)).ifPresent(line -> LOG.warn(
                    "events.store.unavailable database={} {} (events are dropped and counted; requests are served)",
                    db.url(), line));
            queue.lost(batch.size()); // after the line, so a flush() returns with it said
            return;
        }
        outage.written().ifPresent(line -> LOG.info("events.store.recovered database={} {}", db.url(), line));
        queue.written(batch.size());
        listeners.tell(batch);
    }

    private int bind(PreparedStatement st, int i, Event e) throws SQLException {
        st.setObject(++i, OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC));
        st.setString(++i, node);
        st.setString(++i, text(e.daemon()));
        st.setString(++i, text(e.action()));
        if (e.device().isPresent()) {
            st.setString(++i, e.device().get().hex());
        } else {
            st.setNull(++i, Types.VARCHAR);
        }
        st.setString(++i, text(e.file()));
        st.setString(++i, text(e.result()));
        st.setLong(++i, e.bytes());
        st.setLong(++i, e.micros());
        boolean client = e.client().isPresent() && e.client().get().getAddress() != null;
        if (client) {
            st.setString(++i, e.client().get().getAddress().getHostAddress());
        } else {
            st.setNull(++i, Types.VARCHAR);
        }
        st.setInt(++i, client ? e.client().get().getPort() : 0);
        return i;
    }

    /** What PostgreSQL text can hold (no NUL), no longer than a file log record keeps. */
    static String text(String s) {
        String t = s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
        return t.indexOf('\0') < 0 ? t : t.replace('\0', '?');
    }

    private static String insert(int rows) {
        StringBuilder sql = new StringBuilder(INSERT.length() + rows * (ROW.length() + 2)).append(INSERT);
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ", ").append(ROW);
        }
        return sql.toString();
    }

    /** Hourly, from each node: idempotent, so several nodes pruning at once only repeat each other. */
    private void pruneWhenDue() {
        if (System.nanoTime() - lastPrune < PRUNE_EVERY_NANOS) {
            return;
        }
        lastPrune = System.nanoTime();
        OffsetDateTime before = OffsetDateTime.ofInstant(Instant.now().minus(KEEP), ZoneOffset.UTC);
        long deleted = 0;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM event WHERE id IN (SELECT id FROM event WHERE at < ? ORDER BY at LIMIT " + PRUNE_ROWS + ")")) {
            st.setObject(1, before);
            for (int round = 0, n = PRUNE_ROWS; n == PRUNE_ROWS && round < PRUNE_ROUNDS; round++) {
                n = st.executeUpdate();
                c.commit();
                deleted += n;
            }
        } catch (SQLException e) {
            LOG.warn("events.prune_failed database={} error=\"{}\" (tried again in an hour)", db.url(),
                    PgDatabase.reasonOf(e));
        }
        if (deleted > 0) {
            LOG.info("events.pruned database={} rows={} older_than_days={}", db.url(), deleted, KEEP.toDays());
        }
    }

    @Override
    public void close() {
        queue.close();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
        LOG.info("events.store.closed database={} dropped={}", db.url(), queue.dropped());
    }
}
