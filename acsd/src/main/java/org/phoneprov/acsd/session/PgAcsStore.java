package org.phoneprov.acsd.session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.pg.PgDatabase;

/**
 * The {@link AcsStore} in the {@code acs} table of the suite's PostgreSQL database
 * ({@code store: {type: postgresql}}, migration V4), the same rows as the SQLite file, kept as
 * {@link RowBackedStore} says: a task queued survives a restart of the node. A write is one
 * transaction, committed before the ACS answers (synchronous_commit is kept on by
 * {@link PgDatabase}); a database that is away fails the write, and the session is ended
 * rather than answered with state that was not kept.
 */
public final class PgAcsStore extends RowBackedStore implements AutoCloseable {
    private final PgDatabase db;

    private PgAcsStore(PgDatabase db) throws StoreException {
        this.db = db;
        db.read("reading the ACS state", c -> {
            try (PreparedStatement all = c.prepareStatement(AcsRows.SELECT_ALL); ResultSet rs = all.executeQuery()) {
                while (rs.next()) {
                    restore(rs.getString(1), AcsRows.mac(rs.getString(2)), rs.getString(3), rs.getString(4));
                }
            }
            return null;
        });
    }

    /** Connects with a pool of its own, checks the schema (V4 or later) and reads every row. */
    public static PgAcsStore open(StoreSettings settings) throws StoreException {
        PgDatabase db = PgDatabase.open(settings, "acsd");
        try {
            return new PgAcsStore(db);
        } catch (StoreException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    protected void write(List<Row> rows) {
        try {
            db.write("writing " + rows.size() + " ACS row(s)", c -> {
                try (PreparedStatement upsert = c.prepareStatement(AcsRows.UPSERT)) {
                    for (Row r : rows) {
                        AcsRows.bind(upsert, r);
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
                return null; // PgDatabase.write commits
            });
        } catch (StoreException e) {
            throw new AcsStoreException(e.getMessage(), e);
        }
    }

    @Override
    protected List<Row> query(String sql, String key) {
        try {
            return db.read("reading ACS rows", c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, key);
                    List<Row> out = new java.util.ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Row(rs.getString(1), AcsRows.mac(rs.getString(2)), rs.getString(3),
                                    rs.getString(4)));
                        }
                    }
                    return out;
                }
            });
        } catch (StoreException e) {
            throw new AcsStoreException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
