package org.phoneprov.acsd.session;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.sqlite.SqliteFile;

/**
 * The {@link AcsStore} in {@code <paths.state>/acs.db}: SQLite, opened as the lease and redirect
 * files are ({@link SqliteFile}: WAL, {@code synchronous=FULL}, a schema version, created
 * atomically, never reset when damaged). Every row is read into a {@link MemoryAcsStore} at
 * {@link #open}, which answers every read; each change is written and committed first, then
 * kept in memory, so a task queued survives a restart and a task the ACS saw answered is never
 * sent again after one. A write costs one fsync; sessions are few and short, so they write
 * from the event loop.
 */
public final class SqliteAcsStore implements AcsStore, AutoCloseable {
    public static final String FILE_NAME = "acs.db";
    static final int SCHEMA_VERSION = 1;

    private final SqliteFile sqlite;
    private final Connection connection;
    private final PreparedStatement upsert;
    private final MemoryAcsStore copy = new MemoryAcsStore();
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

    private void restore(String kind, Mac mac, String name, String value) {
        switch (kind) {
            case AcsRows.TASK -> copy.restore(AcsRows.task(value));
            case AcsRows.DEVICE -> copy.informed(mac, AcsRows.device(value));
            case AcsRows.PARAM -> copy.seen(mac, List.of(ParameterValue.string(name, value)));
            default -> {
                // a kind a newer phoneprov wrote; kept in the file, not read
            }
        }
    }

    public Path file() {
        return sqlite.file();
    }

    @Override
    public synchronized Task add(Mac device, LongFunction<Task> make) {
        Task t = copy.add(device, make);
        try {
            write(AcsRows.TASK, device, Long.toString(t.id()), AcsRows.task(t));
        } catch (AcsStoreException e) {
            copy.forget(t.id());
            throw e;
        }
        return t;
    }

    @Override
    public synchronized void update(Task task) {
        if (copy.task(task.id()).isEmpty()) {
            throw new IllegalArgumentException("no task " + task.id());
        }
        write(AcsRows.TASK, task.device(), Long.toString(task.id()), AcsRows.task(task));
        copy.update(task);
    }

    @Override
    public Optional<Task> task(long id) {
        return copy.task(id);
    }

    @Override
    public List<Task> tasks(Mac device) {
        return copy.tasks(device);
    }

    @Override
    public synchronized void informed(Mac device, DeviceRecord record) {
        write(AcsRows.DEVICE, device, "", AcsRows.device(record));
        copy.informed(device, record);
    }

    @Override
    public Optional<DeviceRecord> device(Mac device) {
        return copy.device(device);
    }

    @Override
    public synchronized void seen(Mac device, List<ParameterValue> values) {
        commit(() -> {
            for (ParameterValue v : values) {
                bind(AcsRows.PARAM, device, v.name(), v.value());
                upsert.addBatch();
            }
            upsert.executeBatch();
        });
        copy.seen(device, values);
    }

    @Override
    public Map<String, String> parameters(Mac device) {
        return copy.parameters(device);
    }

    private void write(String kind, Mac mac, String name, String value) {
        commit(() -> {
            bind(kind, mac, name, value);
            upsert.executeUpdate();
        });
    }

    private void bind(String kind, Mac mac, String name, String value) throws SQLException {
        upsert.setString(1, kind);
        upsert.setString(2, mac.hex());
        upsert.setString(3, name);
        upsert.setString(4, value);
    }

    private void commit(SqliteFile.Write w) {
        if (closed) {
            throw new AcsStoreException("ACS database " + sqlite.file() + " is closed (phoneprov is stopping)", null);
        }
        try {
            sqlite.commit(connection, w);
        } catch (StoreException e) {
            throw new AcsStoreException(e.getMessage(), e);
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
