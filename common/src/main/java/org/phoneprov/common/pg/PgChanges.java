package org.phoneprov.common.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phoneprov.common.events.StoreException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node keeps an in-memory copy of a shared table fresh: PostgreSQL's LISTEN/NOTIFY. A
 * writer sends {@code pg_notify(channel, key)} in the transaction that changes a row, delivered
 * to every listening node when it commits; here one thread holds one connection (outside the
 * pool), LISTENs on each channel, and hands each key to its {@link Follower}, who reads that row
 * again. Notifications sent while this node was not listening are lost, so on every (re)connect
 * each follower reloads everything before the first key is handed over. A lost connection is
 * logged once per {@link Outage#INTERVAL} ({@code store.changes.unavailable}) and retried every
 * second; the copies meanwhile keep serving what they last had.
 */
public final class PgChanges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgChanges.class);
    /** How long one wait for notifications lasts; also how soon {@link #close} is noticed. */
    private static final int WAIT_MILLIS = 250;
    private static final long RETRY_MILLIS = 1_000;

    /** A copy that follows one channel. Both calls are on the listening thread, with its connection. */
    public interface Follower {
        /** Reads every row again (at start and after a reconnect: notifications may have been missed). */
        void reload(Connection c) throws SQLException, StoreException;

        /** The row of {@code key} changed or went away. */
        void changed(Connection c, String key) throws SQLException, StoreException;
    }

    private final PgDatabase db;
    private final String purpose;
    private final Map<String, Follower> followers = new LinkedHashMap<>();
    private final Outage outage = new Outage(Outage.INTERVAL, System::nanoTime);
    private final Thread thread;
    private volatile boolean closing;
    /** Times every follower was reloaded; tests wait on it. */
    private volatile long reloads;

    public PgChanges(PgDatabase db, String purpose) {
        this.db = db;
        this.purpose = purpose;
        this.thread = new Thread(this::run, "pg-changes-" + purpose);
        this.thread.setDaemon(true);
    }

    /** Before {@link #start}: {@code f} follows {@code channel} (a plain SQL identifier). */
    public PgChanges follow(String channel, Follower f) {
        if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        followers.put(channel, f);
        return this;
    }

    /**
     * In a writer's transaction: tells every node following {@code channel} that the row of
     * {@code key} changed, when the transaction commits (and never, if it rolls back).
     */
    public static void notify(Connection c, String channel, String key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, channel);
            st.setString(2, key);
            st.execute();
        }
    }

    public void start() {
        thread.start();
    }

    public long reloads() {
        return reloads;
    }

    private void run() {
        while (!closing) {
            try (Connection c = db.connectDirect(purpose)) {
                try (Statement st = c.createStatement()) {
                    for (String channel : followers.keySet()) {
                        st.execute("LISTEN " + channel);
                    }
                }
                for (Follower f : followers.values()) {
                    f.reload(c); // after LISTEN: a change from now on is either in this read or notified
                }
                reloads++;
                outage.written().ifPresent(line -> LOG.info("store.changes.recovered database={} {}", db.url(), line));
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closing) {
                    PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
                    for (PGNotification n : got == null ? new PGNotification[0] : got) {
                        Follower f = followers.get(n.getName());
                        if (f != null) {
                            f.changed(c, n.getParameter());
                        }
                    }
                }
            } catch (SQLException | StoreException e) { // a lost connection, or a row a follower cannot read
                if (closing) {
                    return;
                }
                outage.failed(1, PgDatabase.reasonOf(e)).ifPresent(line -> LOG.warn("store.changes.unavailable"
                        + " database={} {} (this node serves its last copy of {} until the database answers)",
                        db.url(), line, String.join(", ", followers.keySet())));
                pause();
            } catch (RuntimeException e) { // a follower's bug must not end the following for good
                LOG.warn("store.changes.failed database={} error=\"{}\"", db.url(), e.toString());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
