package org.phoneprov.common.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.phoneprov.common.events.StoreException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * A SQLite file that one phoneprov store owns (dhcpd's leases, httpd's redirect registrations):
 * checking it, opening it (WAL, synchronous=FULL), its one table and schema version
 * ({@code PRAGMA user_version}). It is created atomically (built as {@code <name>.new}, then moved
 * in place) and only when absent; a damaged or foreign file is never reset or recreated: opening
 * fails and the message names the file and says what to do.
 *
 * <p>Needs {@code org.xerial:sqlite-jdbc}, which common declares optional: a module that stores
 * in SQLite declares it too.
 */
public final class SqliteFile {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final String what;
    private final String table;
    private final String create;
    private final int schemaVersion;
    private final String startFresh;

    /**
     * @param what          how messages call the file, e.g. "lease database"
     * @param table         the table a file of this kind has
     * @param create        the {@code CREATE TABLE} statement of a new file
     * @param schemaVersion the {@code user_version} this code writes and reads
     * @param startFresh    what moving the file aside means, e.g. "start with no leases (phones will simply ask again)"
     */
    public SqliteFile(Path file, String what, String table, String create, int schemaVersion, String startFresh) {
        this.file = Objects.requireNonNull(file, "file");
        this.what = Objects.requireNonNull(what, "what");
        this.table = Objects.requireNonNull(table, "table");
        this.create = Objects.requireNonNull(create, "create");
        this.schemaVersion = schemaVersion;
        this.startFresh = Objects.requireNonNull(startFresh, "startFresh");
    }

    public Path file() {
        return file;
    }

    /** Opens the file for writing (auto-commit off), creating it with its schema only if it does not exist. */
    public Connection openForWriting() throws StoreException {
        if (!Files.exists(file)) {
            create();
        }
        checkHeader();
        return closingOnFailure(connect(file), c -> {
            configure(c);
            quickCheck(c);
            checkSchema(c);
            c.setAutoCommit(false);
            return c;
        });
    }

    /** What a store builds from its freshly opened connection (reading its rows, preparing statements). */
    @FunctionalInterface
    public interface Opener<T> {
        T open(Connection c) throws SQLException, StoreException;
    }

    /** Opens for writing and builds the store; the connection is closed again when that fails. */
    public <T> T openWith(Opener<T> opener) throws StoreException {
        return closingOnFailure(openForWriting(), opener);
    }

    /** {@code step} on {@code c}; when it fails the connection is closed and the failure said once. */
    private <T> T closingOnFailure(Connection c, Opener<T> step) throws StoreException {
        try {
            return step.open(c);
        } catch (StoreException e) {
            closeQuietly(c);
            throw e;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(e);
        }
    }

    /** One write of a store's own connection (auto-commit off). */
    @FunctionalInterface
    public interface Write {
        void run() throws SQLException;
    }

    /** Runs {@code write} and commits it; on failure rolls back and says why. */
    public void commit(Connection c, Write write) throws StoreException {
        try {
            write.run();
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the write failed; that failure is the one to report
            }
            throw failure(e);
        }
    }

    /** A second connection to an already checked file, for reading. */
    public Connection openForReading() throws StoreException {
        Connection c = connect(file);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            }
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(e);
        }
    }

    private void create() throws StoreException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp); // only ever our own half-made file
            try (Connection c = connect(tmp); Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute(create);
                st.execute("PRAGMA user_version = " + schemaVersion);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot create " + what + " " + file + ": " + e.getMessage()
                    + "; check that the state directory exists and is writable by this user", e);
        }
    }

    private void checkHeader() throws StoreException {
        byte[] head = new byte[100];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StoreException("cannot read " + what + " " + file + ": " + e.getMessage()
                    + "; check its permissions", e);
        }
        if (n < head.length) {
            throw corrupt("the file is truncated (" + n + " bytes, shorter than a SQLite header)", null);
        }
        if (!Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupt("the file does not start with the SQLite header; it is not a SQLite database", null);
        }
    }

    private Connection connect(Path path) throws StoreException {
        SQLiteConfig config = new SQLiteConfig();
        if (Files.exists(path)) {
            config.resetOpenMode(SQLiteOpenMode.CREATE); // never create a file in place of one that vanished
        }
        try {
            return config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void configure(Connection c) throws SQLException, StoreException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "?";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException(what + " " + file + " cannot use WAL journaling (got " + mode
                            + "); put the state directory on a local file system", null);
                }
            }
            st.execute("PRAGMA synchronous = FULL");
        }
    }

    private void quickCheck(Connection c) throws SQLException, StoreException {
        List<String> problems = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check(5)")) {
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
        }
        if (!problems.equals(List.of("ok"))) {
            throw corrupt("PRAGMA quick_check found: " + String.join("; ", problems).replace('\n', ' '), null);
        }
    }

    private void checkSchema(Connection c) throws SQLException, StoreException {
        try (Statement st = c.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > schemaVersion) {
                throw new StoreException(what + " " + file + " has schema version " + version
                        + ", written by a newer phoneprov (this one reads " + schemaVersion
                        + "); run that version or restore a backup", null);
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
                if (version != schemaVersion || !rs.next()) {
                    throw new StoreException(what + " " + file + " is a SQLite file but not a phoneprov " + what
                            + " (no '" + table + "' table, user_version " + version + "); point the state"
                            + " directory elsewhere or move the file aside", null);
                }
            }
        }
    }

    /** Classifies a SQLite failure: damage gets the recovery advice, the rest says what failed. */
    public StoreException failure(SQLException e) {
        if (e instanceof SQLiteException se) {
            int primary = se.getResultCode().code & 0xFF;
            if (primary == 11 /* CORRUPT */ || primary == 26 /* NOTADB */) {
                return corrupt("SQLite says: " + e.getMessage(), e);
            }
            if (primary == 5 /* BUSY */ || primary == 6 /* LOCKED */) {
                return new StoreException(what + " " + file + " is locked by another process ("
                        + e.getMessage() + "); is another phoneprov running with the same state directory?", e);
            }
        }
        return new StoreException(what + " " + file + ": " + e.getMessage()
                + "; check that the file and its directory are writable and the disk is not full", e);
    }

    private StoreException corrupt(String detail, Throwable cause) {
        return new StoreException(String.format(Locale.ROOT, "%s %s is corrupt or truncated: %s."
                + " phoneprov will not reset or overwrite it. Stop phoneprov, keep a copy of the file, then"
                + " restore it from a backup, or recover what it holds with"
                + " 'sqlite3 %s .recover | sqlite3 %s.recovered' and move the recovered file in its place,"
                + " or move the file aside to %s.",
                what, file, detail, file, file, startFresh), cause);
    }

    public static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // closing after a failure: the first error is the one to report
        }
    }
}
