package org.phoneprov.acsd.session;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.sqlite.SqliteFile;

/**
 * The {@link AcsStore} in {@code <paths.state>/acs.db}: SQLite, opened as the lease and redirect
 * files are ({@link SqliteFile}: WAL, {@code synchronous=FULL}, a schema version, created
 * atomically, never reset when damaged), its rows kept as {@link RowBackedStore} says. A write
 * costs one fsync; sessions are few and short, so they write from the event loop.
 */
public final class SqliteAcsStore extends RowBackedStore implements AutoCloseable {
    public static final String FILE_NAME = "acs.db";
    static final int SCHEMA_VERSION = 1;

    private final SqliteFile sqlite;
    private final Connection connection;
    private final PreparedStatement upsert;
    private boolean closed; // guarded by this

    private SqliteAcsStore(SqliteFile sqlite, Connection connection) throws SQLException {
        this.sqlite = sqlite;
        this.connection = connection;
        this.upsert = connection.prepareStatement(AcsRows.UPSERT);
        try (PreparedStatement all = connection.prepareStatement(AcsRows.SELECT_ALL); ResultSet rs = all.executeQuery()) {
            while (rs.next()) {
                restore(rs.getString(1), AcsRows.mac(rs.getString(2)), rs.getString(3), rs.getString(4));
            }
        }
    }

    /** Opens (or creates) {@code <stateDir>/acs.db}; a damaged or foreign file fails with what to do. */
    public static SqliteAcsStore open(Path stateDir) throws StoreException {
        SqliteFile sqlite = new SqliteFile(stateDir.resolve(FILE_NAME), "ACS database", AcsRows.TABLE, AcsRows.CREATE,
                SCHEMA_VERSION, "start with no queued tasks (each device's account is pushed again at its next boot)");
        return sqlite.openWith(c -> new SqliteAcsStore(sqlite, c));
    }

    public Path file() {
        return sqlite.file();
    }

    @Override
    protected synchronized void write(List<Row> rows) {
        if (closed) {
            throw new AcsStoreException("ACS database " + sqlite.file() + " is closed (phoneprov is stopping)", null);
        }
        try {
            sqlite.commit(connection, () -> {
                for (Row r : rows) {
                    AcsRows.bind(upsert, r);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            });
        } catch (StoreException e) {
            throw new AcsStoreException(e.getMessage(), e);
        }
    }

    @Override
    protected synchronized List<Row> query(String sql, String key) {
        if (closed) {
            return List.of();
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, key);
            List<Row> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), AcsRows.mac(rs.getString(2)), rs.getString(3), rs.getString(4)));
                }
            }
            connection.commit(); // autocommit is off: end the read so the next one sees later writes
            return out;
        } catch (SQLException e) {
            throw new AcsStoreException("reading " + sqlite.file() + ": " + e.getMessage(), e);
        }
    }

    /** The statement, then the connection; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List.<AutoCloseable>of(upsert, connection).forEach(SqliteFile::closeQuietly);
    }
}
