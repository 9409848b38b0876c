package org.phoneprov.dhcpd.lease;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.sqlite.SqliteFile;

/**
 * The lease file: its schema and row mapping; checking and opening it (WAL, synchronous=FULL) is
 * {@link SqliteFile}'s. A damaged file is never reset or recreated: opening fails and says what to do.
 */
final class LeaseDb {
    static final int SCHEMA_VERSION = 1;
    static final String UPSERT = "INSERT INTO lease (address, mac, client_class, expires_at, state, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET mac = excluded.mac,"
            + " client_class = excluded.client_class, expires_at = excluded.expires_at,"
            + " state = excluded.state, updated_at = excluded.updated_at";
    /**
     * The upsert for a table several nodes share: it replaces a row that is not ACTIVE, or has
     * expired by the writer's clock, or is the same client's (a renewal, its RELEASE or DECLINE;
     * but not an EXPIRED row from a node whose copy is older than the renewal another node
     * stored), or when the seventh parameter says to (a fixed address); else nothing (count 0).
     */
    static final String GUARDED_UPSERT = UPSERT + " WHERE lease.state <> 'ACTIVE'"
            + " OR lease.expires_at <= excluded.updated_at"
            + " OR (lease.mac = excluded.mac AND excluded.state <> 'EXPIRED') OR CAST(? AS BOOLEAN)";
    private static final String SELECT_ONE =
            "SELECT address, mac, client_class, expires_at, state, updated_at FROM lease WHERE address = ?";
    private static final String SELECT_ALL =
            "SELECT address, mac, client_class, expires_at, state, updated_at FROM lease";
    private static final String CREATE = "CREATE TABLE lease ("
            + " address INTEGER PRIMARY KEY," // unsigned IPv4, so ORDER BY address reads naturally
            + " mac TEXT NOT NULL," // 12 upper-case hex digits
            + " client_class TEXT NOT NULL,"
            + " expires_at INTEGER NOT NULL," // epoch ms
            + " state TEXT NOT NULL," // LeaseState name
            + " updated_at INTEGER NOT NULL)";

    private LeaseDb() {
    }

    private static SqliteFile sqlite(Path file) {
        return new SqliteFile(file, "lease database", "lease", CREATE, SCHEMA_VERSION,
                "start with no leases (phones will simply ask again)");
    }

    /** Opens the lease file for writing, creating it (atomically, with its schema) only if it does not exist. */
    static Connection openForWriting(Path file) throws StoreException {
        return sqlite(file).openForWriting();
    }

    /** A second connection to an already checked file, for reading. */
    static Connection openForReading(Path file) throws StoreException {
        return sqlite(file).openForReading();
    }

    static List<Lease> readAll(Connection c, Path file) throws StoreException {
        try {
            return rows(c, "lease database " + file, "sqlite3");
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    /**
     * Every row of the lease table of {@code c} (SQLite or PostgreSQL: the same columns); a row
     * that is not a lease fails, naming {@code where} and the {@code tool} to fix it with.
     */
    static List<Lease> rows(Connection c, String where, String tool) throws SQLException, StoreException {
        List<Lease> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SELECT_ALL)) {
            while (rs.next()) {
                out.add(row(rs, where, tool));
            }
            return out;
        }
    }

    /** The row of one address, if any. */
    static java.util.Optional<Lease> rowAt(Connection c, int address, String where, String tool)
            throws SQLException, StoreException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_ONE)) {
            ps.setLong(1, Integer.toUnsignedLong(address));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(row(rs, where, tool)) : java.util.Optional.empty();
            }
        }
    }

    static void bind(PreparedStatement ps, Lease l) throws SQLException {
        ps.setLong(1, Integer.toUnsignedLong(l.address()));
        ps.setString(2, l.mac().hex());
        ps.setString(3, l.clientClass());
        ps.setLong(4, l.expiresAt());
        ps.setString(5, l.state().name());
        ps.setLong(6, l.updatedAt());
    }

    private static Lease row(ResultSet rs, String where, String tool) throws SQLException, StoreException {
        long address = rs.getLong(1);
        String macText = rs.getString(2);
        String stateText = rs.getString(5);
        Mac mac = Mac.parse(macText).orElse(null);
        LeaseState state = Arrays.stream(LeaseState.values()).filter(s -> s.name().equals(stateText))
                .findFirst().orElse(null);
        if (mac == null || state == null || address < 0 || address > 0xFFFF_FFFFL) {
            throw new StoreException(where + ": row address=" + address + " mac=" + macText
                    + " state=" + stateText + " is not a valid lease; fix or delete that row with " + tool, null);
        }
        return new Lease((int) address, mac, rs.getString(3), rs.getLong(4), state, rs.getLong(6));
    }

    /** Classifies a SQLite failure: damage gets the recovery advice, the rest says what failed. */
    static StoreException failure(Path file, SQLException e) {
        return sqlite(file).failure(e);
    }

    static void closeQuietly(AutoCloseable c) {
        SqliteFile.closeQuietly(c);
    }
}
