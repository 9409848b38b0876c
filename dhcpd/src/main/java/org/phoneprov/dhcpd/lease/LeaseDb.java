package org.phoneprov.dhcpd.lease;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * The lease file: checking it, opening it (WAL, synchronous=FULL), its schema and row mapping.
 * A damaged file is never reset or recreated: opening fails and says what to do.
 */
final class LeaseDb {
    static final int SCHEMA_VERSION = 1;
    static final String UPSERT = "INSERT INTO lease (address, mac, client_class, expires_at, state, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET mac = excluded.mac,"
            + " client_class = excluded.client_class, expires_at = excluded.expires_at,"
            + " state = excluded.state, updated_at = excluded.updated_at";
    private static final String SELECT_ALL =
            "SELECT address, mac, client_class, expires_at, state, updated_at FROM lease";
    private static final String CREATE = "CREATE TABLE lease ("
            + " address INTEGER PRIMARY KEY," // unsigned IPv4, so ORDER BY address reads naturally
            + " mac TEXT NOT NULL," // 12 upper-case hex digits
            + " client_class TEXT NOT NULL,"
            + " expires_at INTEGER NOT NULL," // epoch ms
            + " state TEXT NOT NULL," // LeaseState name
            + " updated_at INTEGER NOT NULL)";
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private LeaseDb() {
    }

    /** Opens the lease file for writing, creating it (atomically, with its schema) only if it does not exist. */
    static Connection openForWriting(Path file) throws StoreException {
        if (!Files.exists(file)) {
            create(file);
        }
        checkHeader(file);
        Connection c = connect(file);
        try {
            configure(c, file);
            quickCheck(c, file);
            checkSchema(c, file);
            c.setAutoCommit(false);
            return c;
        } catch (StoreException e) {
            closeQuietly(c);
            throw e;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(file, e);
        }
    }

    /** A second connection to an already checked file, for reading. */
    static Connection openForReading(Path file) throws StoreException {
        Connection c = connect(file);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            }
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(file, e);
        }
    }

    static List<Lease> readAll(Connection c, Path file) throws StoreException {
        List<Lease> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SELECT_ALL)) {
            while (rs.next()) {
                out.add(row(rs, file));
            }
            return out;
        } catch (SQLException e) {
            throw failure(file, e);
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

    private static Lease row(ResultSet rs, Path file) throws SQLException, StoreException {
        long address = rs.getLong(1);
        String macText = rs.getString(2);
        String stateText = rs.getString(5);
        Mac mac = Mac.parse(macText).orElse(null);
        LeaseState state = Arrays.stream(LeaseState.values()).filter(s -> s.name().equals(stateText))
                .findFirst().orElse(null);
        if (mac == null || state == null || address < 0 || address > 0xFFFF_FFFFL) {
            throw new StoreException("lease database " + file + ": row address=" + address + " mac=" + macText
                    + " state=" + stateText + " is not a valid lease; fix or delete that row with sqlite3", null);
        }
        return new Lease((int) address, mac, rs.getString(3), rs.getLong(4), state, rs.getLong(6));
    }

    private static void create(Path file) throws StoreException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp); // only ever our own half-made file
            try (Connection c = connect(tmp); Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute(CREATE);
                st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot create lease database " + file + ": " + e.getMessage()
                    + "; check that the state directory exists and is writable by this user", e);
        }
    }

    private static void checkHeader(Path file) throws StoreException {
        byte[] head = new byte[100];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StoreException("cannot read lease database " + file + ": " + e.getMessage()
                    + "; check its permissions", e);
        }
        if (n < head.length) {
            throw corrupt(file, "the file is truncated (" + n + " bytes, shorter than a SQLite header)", null);
        }
        if (!Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupt(file, "the file does not start with the SQLite header; it is not a SQLite database", null);
        }
    }

    private static Connection connect(Path file) throws StoreException {
        SQLiteConfig config = new SQLiteConfig();
        if (Files.exists(file)) {
            config.resetOpenMode(SQLiteOpenMode.CREATE); // never create a file in place of one that vanished
        }
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    private static void configure(Connection c, Path file) throws SQLException, StoreException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "?";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException("lease database " + file + " cannot use WAL journaling (got " + mode
                            + "); put the state directory on a local file system", null);
                }
            }
            st.execute("PRAGMA synchronous = FULL");
        }
    }

    private static void quickCheck(Connection c, Path file) throws SQLException, StoreException {
        List<String> problems = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check(5)")) {
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
        }
        if (!problems.equals(List.of("ok"))) {
            throw corrupt(file, "PRAGMA quick_check found: " + String.join("; ", problems).replace('\n', ' '), null);
        }
    }

    private static void checkSchema(Connection c, Path file) throws SQLException, StoreException {
        try (Statement st = c.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > SCHEMA_VERSION) {
                throw new StoreException("lease database " + file + " has schema version " + version
                        + ", written by a newer phoneprov (this one reads " + SCHEMA_VERSION
                        + "); run that version or restore a backup", null);
            }
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lease'")) {
                if (version != SCHEMA_VERSION || !rs.next()) {
                    throw new StoreException("lease database " + file + " is a SQLite file but not a phoneprov lease"
                            + " database (no 'lease' table, user_version " + version + "); point the state"
                            + " directory elsewhere or move the file aside", null);
                }
            }
        }
    }

    /** Classifies a SQLite failure: damage gets the recovery advice, the rest says what failed. */
    static StoreException failure(Path file, SQLException e) {
        if (e instanceof SQLiteException se) {
            int primary = se.getResultCode().code & 0xFF;
            if (primary == 11 /* CORRUPT */ || primary == 26 /* NOTADB */) {
                return corrupt(file, "SQLite says: " + e.getMessage(), e);
            }
            if (primary == 5 /* BUSY */ || primary == 6 /* LOCKED */) {
                return new StoreException("lease database " + file + " is locked by another process ("
                        + e.getMessage() + "); is another phoneprov running with the same state directory?", e);
            }
        }
        return new StoreException("lease database " + file + ": " + e.getMessage()
                + "; check that the file and its directory are writable and the disk is not full", e);
    }

    static StoreException corrupt(Path file, String detail, Throwable cause) {
        return new StoreException(String.format(Locale.ROOT, "lease database %s is corrupt or truncated: %s."
                + " phoneprov will not reset or overwrite it. Stop phoneprov, keep a copy of the file, then"
                + " restore it from a backup, or recover what it holds with"
                + " 'sqlite3 %s .recover | sqlite3 %s.recovered' and move the recovered file in its place,"
                + " or move the file aside to start with no leases (phones will simply ask again).",
                file, detail, file, file), cause);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // closing after a failure: the first error is the one to report
        }
    }
}
