package org.phoneprov.httpd.redirect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
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
public final class RegistrationStore extends RegistrationCopy implements AutoCloseable {
    public static final String FILE_NAME = "gigaset-redirect.db";
    static final int SCHEMA_VERSION = 1;

    private final SqliteFile sqlite;
    private final Connection connection;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private boolean closed; // guarded by this

    private RegistrationStore(SqliteFile sqlite, Connection connection, List<Registration> rows)
            throws SQLException {
        super(rows);
        this.sqlite = sqlite;
        this.connection = connection;
        this.upsert = connection.prepareStatement(RegistrationRows.UPSERT);
        this.delete = connection.prepareStatement(RegistrationRows.DELETE);
    }

    /**
     * Opens (or creates) {@code <stateDir>/gigaset-redirect.db}. A corrupt, truncated or foreign
     * file fails with a StoreException that names it and says what to do; it is never reset.
     */
    public static RegistrationStore open(Path stateDir) throws StoreException {
        SqliteFile sqlite = new SqliteFile(stateDir.resolve(FILE_NAME), "redirect database", RegistrationRows.TABLE,
                RegistrationRows.CREATE, SCHEMA_VERSION,
                "start with no registrations (providers then register their phones again)");
        return sqlite.openWith(c -> new RegistrationStore(sqlite, c,
                RegistrationRows.readAll(c, "redirect database " + sqlite.file(), "sqlite3")));
    }

    public Path file() {
        return sqlite.file();
    }

    @Override
    public synchronized void put(Registration r) throws StoreException {
        open();
        int[] n = {0};
        sqlite.commit(connection, () -> {
            RegistrationRows.bind(upsert, r);
            n[0] = upsert.executeUpdate();
        });
        if (n[0] == 0) {
            throw RegistrationRows.taken(r, "redirect database " + sqlite.file());
        }
        keep(r); // only once it is on disk
    }

    @Override
    public synchronized boolean remove(Mac mac) throws StoreException {
        open();
        int[] n = {0};
        sqlite.commit(connection, () -> {
            delete.setString(1, mac.hex());
            n[0] = delete.executeUpdate();
        });
        forget(mac);
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
}
