package org.phoneprov.common.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.pg.PgDatabase;
import org.phoneprov.common.store.Rows;

/**
 * The {@code event} table (migration V2) read back: a query's filters become the WHERE clause of
 * one statement that the table's indexes answer ({@code (mac, at)}, {@code (daemon, at)},
 * {@code (at)}), newest first with the limit, then turned oldest first as the file log returns
 * them. Rows from every node are read; the node column is for admins (psql), not for callers.
 */
public final class PgEventReader implements EventHistory {
    static final String COLUMNS = "at, daemon, action, mac, file, result, bytes, micros, host(client), client_port";
    /** Rows a scan holds at once: a cursor, so the history of a busy year is never all in memory. */
    private static final int FETCH = 1_000;

    private final PgDatabase db;
    private final boolean owned;

    PgEventReader(PgDatabase db, boolean owned) {
        this.db = db;
        this.owned = owned;
    }

    /** A reader with a pool of its own, for tools that only read ({@code phoneprov events}). */
    public static PgEventReader connect(StoreSettings settings) throws StoreException {
        PgDatabase db = PgDatabase.open(settings, "events-reader");
        return new PgEventReader(db, true);
    }

    @Override
    public List<Event> read(EventQuery q) throws IOException {
        if (q.limit() <= 0) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM event WHERE true");
        List<Object> args = new ArrayList<>();
        q.mac().ifPresent(m -> {
            sql.append(" AND mac = ?");
            args.add(m.hex());
        });
        q.daemon().ifPresent(d -> {
            sql.append(" AND daemon = ?");
            args.add(d);
        });
        q.since().ifPresent(t -> {
            sql.append(" AND at >= ?");
            args.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        });
        q.until().ifPresent(t -> {
            sql.append(" AND at < ?");
            args.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        });
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(q.limit());
        try {
            List<Event> out = db.read("reading events", c -> {
                try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < args.size(); i++) {
                        st.setObject(i + 1, args.get(i));
                    }
                    return Rows.all(st, PgEventReader::event);
                }
            });
            Collections.reverse(out);
            return out;
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void scan(Consumer<Event> each) throws IOException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM event ORDER BY at, id")) {
            st.setFetchSize(FETCH); // with autocommit off, pgjdbc reads through a cursor
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    each.accept(event(rs));
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IOException(db.failure("reading events", e).getMessage(), e);
        }
    }

    private static Event event(ResultSet rs) throws SQLException {
        String mac = rs.getString(4);
        String host = rs.getString(9);
        Optional<InetSocketAddress> client = Optional.empty();
        if (host != null) {
            try {
                client = Optional.of(new InetSocketAddress(InetAddress.getByName(host), rs.getInt(10))); // a literal: no DNS
            } catch (java.net.UnknownHostException | IllegalArgumentException e) {
                client = Optional.empty();
            }
        }
        return new Event(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getString(3),
                mac == null ? Optional.empty() : Mac.parse(mac), rs.getString(5), rs.getString(6), rs.getLong(7),
                rs.getLong(8), client);
    }

    @Override
    public void close() {
        if (owned) {
            db.close();
        }
    }
}
