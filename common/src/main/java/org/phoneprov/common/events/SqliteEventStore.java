package org.phoneprov.common.events;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.phoneprov.common.mac.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events in SQLite (WAL), written in batches by one background thread so that a
 * request never waits for the disk. When the queue is full the event is dropped and
 * counted; serving phones matters more than the record of serving them.
 */
public final class SqliteEventStore implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteEventStore.class);
    private static final int QUEUE = 100_000;
    private static final int BATCH = 5_000;
    /** Oldest events are pruned past this many rows, so the store cannot fill the disk. */
    static final long KEEP_ROWS = 2_000_000;

    private final Connection db;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    private SqliteEventStore(Connection db) {
        this.db = db;
        this.writer = new Thread(this::drain, "events-writer");
        this.writer.setDaemon(true);
    }

    /** Opens (creating if needed) {@code events.db} in the state folder. */
    public static SqliteEventStore open(Path stateDir) throws StoreException {
        Path file = stateDir.resolve("events.db");
        try {
            Files.createDirectories(stateDir);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, "
                        + "daemon TEXT NOT NULL, action TEXT NOT NULL, mac TEXT, file TEXT, result TEXT, "
                        + "bytes INTEGER, micros INTEGER, client TEXT)");
                s.execute("CREATE INDEX IF NOT EXISTS events_mac ON events(mac, id)");
            }
            SqliteEventStore store = new SqliteEventStore(c);
            store.writer.start();
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open the event store " + file + ": " + e.getMessage()
                    + " (if the file is damaged, move it aside; it holds only the event history)", e);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the state folder " + stateDir + ": " + e, e);
        }
    }

    @Override
    public void record(Event e) {
        if (closing || !queue.offer(e)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    /** Waits until every event recorded so far is on disk (tests, shutdown). */
    public void flush() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        synchronized (db) {
            // the writer holds this lock while a batch is in flight
        }
    }

    private void drain() {
        List<Event> batch = new ArrayList<>(BATCH);
        long written = 0;
        long lastDropReport = 0;
        while (!closing || !queue.isEmpty()) {
            try {
                Event first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                synchronized (db) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                    written += batch.size();
                    batch.clear();
                    if (written >= 100_000) {
                        prune();
                        written = 0;
                    }
                }
                long d = dropped.get();
                if (d != lastDropReport) {
                    LOG.warn("events.dropped total={} (the event queue was full; requests were still served)", d);
                    lastDropReport = d;
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException ex) {
                LOG.warn("events.write_failed error=\"{}\" lost={}", ex.getMessage(), batch.size());
                batch.clear();
            }
        }
    }

    private void write(List<Event> batch) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement p = db.prepareStatement("INSERT INTO events (ts, daemon, action, mac, file, result, "
                + "bytes, micros, client) VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (Event e : batch) {
                p.setLong(1, e.time().toEpochMilli());
                p.setString(2, e.daemon());
                p.setString(3, e.action());
                p.setString(4, e.device().map(Mac::hex).orElse(null));
                p.setString(5, e.file());
                p.setString(6, e.result());
                p.setLong(7, e.bytes());
                p.setLong(8, e.micros());
                p.setString(9, e.client().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElse(null));
                p.addBatch();
            }
            p.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private void prune() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - " + KEEP_ROWS);
        }
    }

    /** The newest events, oldest first; of one device when {@code mac} is given. */
    public List<Event> recent(Optional<Mac> mac, int limit) throws SQLException {
        String sql = "SELECT ts, daemon, action, mac, file, result, bytes, micros, client FROM events"
                + (mac.isPresent() ? " WHERE mac = ?" : "") + " ORDER BY id DESC LIMIT ?";
        List<Event> out = new ArrayList<>();
        synchronized (db) {
            try (PreparedStatement p = db.prepareStatement(sql)) {
                int i = 1;
                if (mac.isPresent()) {
                    p.setString(i++, mac.get().hex());
                }
                p.setInt(i, limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(0, row(r));
                    }
                }
            }
        }
        return out;
    }

    private static Event row(ResultSet r) throws SQLException {
        Optional<InetSocketAddress> client = Optional.ofNullable(r.getString(9)).map(s -> {
            int colon = s.lastIndexOf(':');
            return InetSocketAddress.createUnresolved(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        });
        return new Event(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                Optional.ofNullable(r.getString(4)).flatMap(Mac::parse), r.getString(5), r.getString(6),
                r.getLong(7), r.getLong(8), client);
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("events.close_failed error=\"{}\"", e.getMessage());
        }
    }
}
