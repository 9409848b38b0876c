package org.phoneprov.httpd.activation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.sqlite.SqliteFile;

/**
 * Uses of activation codes in {@code <state>/gigaset-activation.db} (SQLite, WAL), read into
 * memory at start: a spent one-shot code stays spent and a locked code stays bound across
 * restarts. A use is on disk before the profile it allows is sent.
 */
public final class ActivationStore extends ActivationCopy implements AutoCloseable {
    public static final String FILE_NAME = "gigaset-activation.db";
    static final int SCHEMA_VERSION = 1;

    private final SqliteFile sqlite;
    private final Connection connection;
    private final PreparedStatement upsert;
    private boolean closed;

    private ActivationStore(SqliteFile sqlite, Connection connection, List<ActivationUse> rows)
            throws SQLException {
        super(rows);
        this.sqlite = sqlite;
        this.connection = connection;
        this.upsert = connection.prepareStatement(ActivationRows.UPSERT);
    }

    /** Opens (or creates) the file; a damaged one fails with advice, it is never reset. */
    public static ActivationStore open(Path stateDir) throws StoreException {
        SqliteFile sqlite = new SqliteFile(stateDir.resolve(FILE_NAME), "activation database", ActivationRows.TABLE,
                ActivationRows.CREATE, SCHEMA_VERSION,
                "start with no recorded uses (spent one-shot codes then work once more)");
        return sqlite.openWith(c -> new ActivationStore(sqlite, c,
                ActivationRows.readAll(c, "activation database " + sqlite.file(), "sqlite3")));
    }

    public Path file() {
        return sqlite.file();
    }

    @Override
    public synchronized void put(ActivationUse u) throws StoreException {
        if (closed) {
            throw new StoreException("activation database " + sqlite.file() + " is closed (phoneprov is stopping)",
                    null);
        }
        sqlite.commit(connection, () -> {
            ActivationRows.bind(upsert, u);
            upsert.executeUpdate();
        });
        keep(u); // only once it is on disk; a use keeps its first phone
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            SqliteFile.closeQuietly(upsert);
            SqliteFile.closeQuietly(connection);
        }
    }
}
