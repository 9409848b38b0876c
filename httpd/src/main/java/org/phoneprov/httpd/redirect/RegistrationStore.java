package org.phoneprov.httpd.redirect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.mac.MacId;
import org.phoneprov.common.sqlite.SqliteFile;

/**
 * The redirect registrations in {@code <stateDir>/gigaset-redirect.db}: SQLite, opened as the
 * lease file is ({@link SqliteFile}): WAL, {@code synchronous=FULL}, a schema version in
 * {@code user_version}, created atomically and never reset or recreated when damaged: opening
 * fails and the message says what to do.
 *
 * <p>This store is the file's only writer. Each {@link #put}/{@link #remove} is one transaction,
 * committed before it returns. All rows are read into memory at {@link #open}; {@link #find} reads
 * that copy, so the redirect's lookups never touch the disk or wait for a write. Writes block
 * (one fsync each): call them off the event loop.
 */
public final class RegistrationStore implements Registrations, AutoCloseable {
    public static final String FILE_NAME = "gigaset-redirect.db";
    static final int SCHEMA_VERSION = 1;
    private static final String TABLE = "registration";
    private static final String CREATE = "CREATE TABLE " + TABLE + " ("
            + " mac TEXT PRIMARY KEY," // 12 upper-case hex digits
            + " check_part TEXT," // the MAC-ID's 4 characters, upper case; NULL when registered by bare MAC
            + " url TEXT NOT NULL," // where the phone is redirected
            + " provider TEXT NOT NULL," // the authenticated account that registered it
            + " profile TEXT NOT NULL," // the profile/provider name given in registerDevice
            + " created_at INTEGER NOT NULL," // epoch ms
            + " updated_at INTEGER NOT NULL)"; // epoch ms
    private static final String UPSERT = "INSERT INTO " + TABLE
            + " (mac, check_part, url, provider, profile, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (mac) DO UPDATE SET check_part = excluded.check_part, url = excluded.url,"
            + " provider = excluded.provider, profile = excluded.profile, created_at = excluded.created_at,"
            + " updated_at = excluded.updated_at";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE mac = ?";
    private static final String SELECT_ALL =
            "SELECT mac, check_part, url, provider, profile, created_at, updated_at FROM " + TABLE;
    private static final Pattern HEX12 = Pattern.compile("[0-9A-F]{12}");

    private final SqliteFile sqlite;
    private final Connection connection;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final Map<Mac, Registration> byMac;
    private boolean closed; // guarded by this

    private RegistrationStore(SqliteFile sqlite, Connection connection, Map<Mac, Registration> rows)
            throws SQLException {
        this.sqlite = sqlite;
        this.connection = connection;
        this.upsert = connection.prepareStatement(UPSERT);
        this.delete = connection.prepareStatement(DELETE);
        this.byMac = new ConcurrentHashMap<>(rows);
    }

    /**
     * Opens (or creates) {@code <stateDir>/gigaset-redirect.db}. A corrupt, truncated or foreign
     * file fails with a StoreException that names it and says what to do; it is never reset.
     */
    public static RegistrationStore open(Path stateDir) throws StoreException {
        SqliteFile sqlite = new SqliteFile(stateDir.resolve(FILE_NAME), "redirect database", TABLE, CREATE,
                SCHEMA_VERSION, "start with no registrations (providers then register their phones again)");
        return sqlite.openWith(c -> new RegistrationStore(sqlite, c, readAll(c, sqlite.file())));
    }

    public Path file() {
        return sqlite.file();
    }

    @Override
    public Optional<Registration> find(Mac mac) {
        return Optional.ofNullable(byMac.get(mac));
    }

    /** Every registration, by MAC. */
    public List<Registration> all() {
        List<Registration> out = new ArrayList<>(byMac.values());
        out.sort(Comparator.comparing(Registration::mac));
        return out;
    }

    @Override
    public synchronized void put(Registration r) throws StoreException {
        open();
        sqlite.commit(connection, () -> {
            upsert.setString(1, r.mac().hex());
            upsert.setString(2, r.macId().check().orElse(null));
            upsert.setString(3, r.url());
            upsert.setString(4, r.provider());
            upsert.setString(5, r.profile());
            upsert.setLong(6, r.createdAt());
            upsert.setLong(7, r.updatedAt());
            upsert.executeUpdate();
        });
        byMac.put(r.mac(), r); // only once it is on disk
    }

    @Override
    public synchronized boolean remove(Mac mac) throws StoreException {
        open();
        int[] n = {0};
        sqlite.commit(connection, () -> {
            delete.setString(1, mac.hex());
            n[0] = delete.executeUpdate();
        });
        byMac.remove(mac);
        return n[0] > 0;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            SqliteFile.closeQuietly(upsert);
            SqliteFile.closeQuietly(delete);
            SqliteFile.closeQuietly(connection);
        }
    }

    private void open() throws StoreException {
        if (closed) {
            throw new StoreException("redirect database " + sqlite.file() + " is closed (phoneprov is stopping)", null);
        }
    }

    private static Map<Mac, Registration> readAll(Connection c, Path file) throws SQLException, StoreException {
        Map<Mac, Registration> rows = new ConcurrentHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SELECT_ALL)) {
            while (rs.next()) {
                Registration r = row(rs, file);
                rows.put(r.mac(), r);
            }
        }
        return rows;
    }

    private static Registration row(ResultSet rs, Path file) throws SQLException, StoreException {
        String macText = rs.getString(1);
        String check = rs.getString(2);
        String url = rs.getString(3);
        String provider = rs.getString(4);
        String profile = rs.getString(5);
        Optional<MacId> id = macText != null && HEX12.matcher(macText).matches()
                ? MacId.parse(check == null ? macText : macText + "-" + check)
                : Optional.empty();
        if (id.isEmpty() || (check != null && !id.get().check().orElse("").equals(check))
                || url == null || url.isEmpty() || provider == null || provider.isEmpty() || profile == null) {
            throw new StoreException("redirect database " + file + ": row mac=" + macText + " check_part=" + check
                    + " is not a valid registration; fix or delete that row with sqlite3", null);
        }
        return new Registration(id.get(), url, provider, profile, rs.getLong(6), rs.getLong(7));
    }
}
