package org.phoneprov.httpd.activation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.sqlite.SqliteFile;

/**
 * Uses of activation codes in {@code <state>/gigaset-activation.db} (SQLite, WAL), read into
 * memory at start: a spent one-shot code stays spent and a locked code stays bound across
 * restarts. A use is on disk before the profile it allows is sent.
 */
public final class ActivationStore implements ActivationUses, AutoCloseable {
    public static final String FILE_NAME = "gigaset-activation.db";
    static final int SCHEMA_VERSION = 1;
    private static final String TABLE = "activation_use";
    private static final String CREATE = "CREATE TABLE " + TABLE + " ("
            + " code TEXT PRIMARY KEY," // provider id + code, the digest user; never the password
            + " mac TEXT NOT NULL," // 12 upper-case hex digits: the phone that used it first
            + " first_at INTEGER NOT NULL," // epoch ms
            + " last_at INTEGER NOT NULL," // epoch ms
            + " uses INTEGER NOT NULL)";
    private static final String UPSERT = "INSERT INTO " + TABLE + " (code, mac, first_at, last_at, uses)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET mac = excluded.mac,"
            + " first_at = excluded.first_at, last_at = excluded.last_at, uses = excluded.uses";
    private static final String SELECT_ALL = "SELECT code, mac, first_at, last_at, uses FROM " + TABLE;

    private final SqliteFile sqlite;
    private final Connection connection;
    private final PreparedStatement upsert;
    private final Map<String, ActivationUse> byCode;
    /** The same uses by the phone that made them, by code: a later check looks its MAC up per request. */
    private final Map<Mac, Map<String, ActivationUse>> byMac = new ConcurrentHashMap<>();
    private boolean closed;

    private ActivationStore(SqliteFile sqlite, Connection connection, Map<String, ActivationUse> rows)
            throws SQLException {
        this.sqlite = sqlite;
        this.connection = connection;
        this.upsert = connection.prepareStatement(UPSERT);
        this.byCode = new ConcurrentHashMap<>(rows);
        rows.values().forEach(this::index);
    }

    /** Opens (or creates) the file; a damaged one fails with advice, it is never reset. */
    public static ActivationStore open(Path stateDir) throws StoreException {
        SqliteFile sqlite = new SqliteFile(stateDir.resolve(FILE_NAME), "activation database", TABLE, CREATE,
                SCHEMA_VERSION, "start with no recorded uses (spent one-shot codes then work once more)");
        return sqlite.openWith(c -> new ActivationStore(sqlite, c, readAll(c, sqlite.file())));
    }

    public Path file() {
        return sqlite.file();
    }

    @Override
    public Optional<ActivationUse> find(String user) {
        return Optional.ofNullable(byCode.get(user));
    }

    @Override
    public Collection<ActivationUse> usesBy(Mac mac) {
        Map<String, ActivationUse> m = byMac.get(mac);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    private void index(ActivationUse u) {
        byMac.computeIfAbsent(u.mac(), k -> new ConcurrentHashMap<>()).put(u.user(), u);
    }

    @Override
    public synchronized void put(ActivationUse u) throws StoreException {
        if (closed) {
            throw new StoreException("activation database " + sqlite.file() + " is closed (phoneprov is stopping)",
                    null);
        }
        sqlite.commit(connection, () -> {
            upsert.setString(1, u.user());
            upsert.setString(2, u.mac().hex());
            upsert.setLong(3, u.firstAt());
            upsert.setLong(4, u.lastAt());
            upsert.setLong(5, u.uses());
            upsert.executeUpdate();
        });
        byCode.put(u.user(), u); // only once it is on disk
        index(u); // a use keeps its first phone: a code's MAC never changes
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            SqliteFile.closeQuietly(upsert);
            SqliteFile.closeQuietly(connection);
        }
    }

    private static Map<String, ActivationUse> readAll(Connection c, Path file) throws SQLException, StoreException {
        Map<String, ActivationUse> rows = new ConcurrentHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SELECT_ALL)) {
            while (rs.next()) {
                String code = rs.getString(1);
                Optional<Mac> mac = Optional.ofNullable(rs.getString(2)).filter(m -> m.matches("[0-9A-F]{12}"))
                        .flatMap(Mac::parse);
                if (code == null || code.isEmpty() || mac.isEmpty()) {
                    throw new StoreException("activation database " + file + ": row code=" + code + " is not a valid "
                            + "use; fix or delete that row with sqlite3", null);
                }
                rows.put(code, new ActivationUse(code, mac.get(), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return rows;
    }
}
