package org.phoneprov.common.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.events.StoreException;

/**
 * The PostgreSQL database of {@code store: {type: postgresql}}: a HikariCP pool, and the schema
 * as Flyway's versioned migrations under {@code db/postgresql} ({@code V1__leases.sql}, ...;
 * whole numbers, one sequence for every store that lives there).
 *
 * <p>A node never migrates the database by itself, not even an empty one: the admin runs
 * {@code phoneprov db migrate}, as Kea wants {@code kea-admin db-init} before kea-dhcp4 uses a
 * database. Several nodes share it, so a schema change is an upgrade step taken once and on
 * purpose, not a side effect of whichever node starts first; and the role the daemons run as
 * needs no right to change tables. At start a node checks the version ({@link SchemaCheck})
 * and refuses any schema but the one its migrations end at.
 *
 * <p>The pool is what lets a store ride out the database going away: a commit whose
 * connection broke fails, Hikari drops the connection, and the next commit gets a new one
 * once the server answers again. A connection is waited for at most {@link #CONNECTION_TIMEOUT_MS},
 * so while the database is down commits fail within seconds rather than hang.
 */
public final class PgDatabase implements AutoCloseable {
    public static final String MIGRATIONS = "classpath:db/postgresql";
    /** Flyway's record of what was applied; named for us, beside our tables. */
    public static final String HISTORY_TABLE = "phoneprov_schema_history";
    static final long CONNECTION_TIMEOUT_MS = 2_000;
    /** Tries of a read that meets connections the server cut: one more than a pool of 2 can hold stale. */
    static final int READ_ATTEMPTS = 3;
    /**
     * Run on each new connection: a database or role with {@code synchronous_commit = off}
     * would let a commit return before its WAL is on disk, and an ACK would promise a lease a
     * crash can lose; any durable setting (on, local, remote_write, remote_apply) is kept.
     */
    static final String DURABLE_COMMITS = "DO $$ BEGIN IF current_setting('synchronous_commit') = 'off' THEN"
            + " SET synchronous_commit = on; END IF; END $$";

    private final StoreSettings settings;
    private final HikariDataSource pool;

    private PgDatabase(StoreSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Opens a pool of at most {@code settings.poolSize()} connections, named {@code purpose} in
     * the database's {@code pg_stat_activity}; fails with what to check when the server cannot
     * be reached or refuses the login.
     */
    public static PgDatabase connect(StoreSettings settings, String purpose) throws StoreException {
        if (settings.type() != StoreSettings.Type.POSTGRESQL) {
            throw new IllegalArgumentException("not a PostgreSQL store: " + settings);
        }
        HikariConfig h = new HikariConfig();
        h.setPoolName("phoneprov-" + purpose);
        h.setJdbcUrl(settings.url());
        h.setUsername(settings.user());
        settings.password().ifPresent(h::setPassword);
        h.setMaximumPoolSize(settings.poolSize());
        h.setMinimumIdle(1);
        h.setAutoCommit(false);
        h.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        h.setValidationTimeout(1_000);
        h.setKeepaliveTime(30_000);
        h.setInitializationFailTimeout(1); // unreachable at start: fail now, with the reason
        h.setConnectionInitSql(DURABLE_COMMITS);
        h.setDataSourceProperties(driverProperties(purpose));
        try {
            return new PgDatabase(settings, new HikariDataSource(h));
        } catch (RuntimeException e) { // Hikari's PoolInitializationException, around the driver's reason
            throw new StoreException("cannot connect to PostgreSQL " + settings.url() + " as " + settings.user() + ": "
                    + reasonOf(e) + " (check store.url, store.user and store.password_file, and that the server"
                    + " accepts this host)", e);
        }
    }

    /** {@link #connect}, then {@link #requireKnownSchema}: what a store opens on; closed again when either fails. */
    public static PgDatabase open(StoreSettings settings, String purpose) throws StoreException {
        PgDatabase db = connect(settings, purpose);
        try {
            db.requireKnownSchema();
            return db;
        } catch (StoreException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** What the driver is told for every connection, pooled or not; the login is passed apart. */
    private static Properties driverProperties(String purpose) {
        Properties p = new Properties();
        p.setProperty("ApplicationName", "phoneprov " + purpose);
        p.setProperty("connectTimeout", "2"); // seconds
        p.setProperty("socketTimeout", "10"); // a server gone silent fails a commit, never hangs it
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    /**
     * A connection of its own, outside the pool (auto-commit on), for a thread that holds one for
     * good: {@link PgChanges} listening. Taken from the pool it would leave a pool of one with
     * nothing to write on.
     */
    public Connection connectDirect(String purpose) throws SQLException {
        Properties p = driverProperties(purpose);
        p.setProperty("user", settings.user());
        settings.password().ifPresent(pw -> p.setProperty("password", pw));
        Connection c = new org.postgresql.Driver().connect(settings.url(), p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + settings.url());
        }
        return c;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Work on one pooled connection; a StoreException it throws passes through as it is. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException, StoreException;
    }

    /**
     * {@code work} in a read-only transaction, ended after; a failed call says {@code doing} and why.
     * Once the server is back after a restart, the pool may still hand out a connection the server
     * cut (Hikari skips its check on one used within the last half second, and drops one only when
     * it fails); a read that meets one is tried again, up to {@link #READ_ATTEMPTS} times. A pool
     * that cannot connect at all fails at once: the server is down, not restarted.
     */
    public <T> T read(String doing, Work<T> work) throws StoreException {
        for (int attempt = 1; ; attempt++) {
            Connection c;
            try {
                c = pool.getConnection();
            } catch (SQLException e) {
                throw failure(doing, e);
            }
            try (c) {
                T result = work.run(c);
                c.rollback(); // nothing to keep; ends the transaction autocommit=false opened
                return result;
            } catch (SQLException e) {
                if (attempt >= READ_ATTEMPTS || !connectionLost(e)) {
                    throw failure(doing, e);
                }
            }
        }
    }

    /** A connection the server closed or cut (SQLSTATE class 08, or 57P01..03: shut down, crashed, restarting). */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /**
     * {@code work} in one transaction, committed before this returns; on failure nothing of it is
     * kept (Hikari rolls back a connection closed uncommitted, and drops a broken one).
     */
    public <T> T write(String doing, Work<T> work) throws StoreException {
        try (Connection c = pool.getConnection()) {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    /** The URL, for messages; it never holds the password ({@code StoreReader} refuses that). */
    public String url() {
        return settings.url();
    }

    private Flyway flyway() {
        return Flyway.configure(PgDatabase.class.getClassLoader())
                .dataSource(pool)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .load();
    }

    /** Where the schema stands against this build's migrations. */
    public SchemaCheck schema() throws StoreException {
        try {
            MigrationInfoService info = flyway().info();
            List<MigrationInfo> all = Arrays.asList(info.all());
            int known = all.stream().filter(m -> m.getState().isResolved() && m.getVersion() != null)
                    .mapToInt(m -> version(m.getVersion())).max().orElse(0);
            MigrationInfo current = info.current();
            int applied = current == null || current.getVersion() == null ? 0 : version(current.getVersion());
            boolean failed = all.stream().anyMatch(m -> m.getState().isFailed());
            return new SchemaCheck(applied, known, failed);
        } catch (FlywayException e) {
            throw new StoreException("cannot read the schema version of " + settings.url() + ": " + reasonOf(e), e);
        }
    }

    /** Fails, saying what to run or upgrade, unless the schema is the one this build knows. */
    public void requireKnownSchema() throws StoreException {
        SchemaCheck check = schema();
        if (!check.usable()) {
            throw new StoreException(check.advice(settings.url()), null);
        }
    }

    /** What {@code phoneprov db migrate} did: from which version to which, and the migrations run. */
    public record Migrated(int from, int to, List<String> applied) {
    }

    /** Applies the pending migrations, each in its own transaction; a failed one is rolled back. */
    public Migrated migrate() throws StoreException {
        try {
            MigrateResult r = flyway().migrate();
            List<String> applied = r.migrations == null ? List.of()
                    : r.migrations.stream().map(m -> "V" + m.version + " " + m.description).toList();
            int from = versionOrZero(r.initialSchemaVersion);
            return new Migrated(from, applied.isEmpty() ? from : versionOrZero(r.targetSchemaVersion), applied);
        } catch (FlywayException e) {
            throw new StoreException("migrating " + settings.url() + " failed: " + reasonOf(e), e);
        }
    }

    private static int version(MigrationVersion v) {
        return versionOrZero(v.getVersion());
    }

    private static int versionOrZero(String v) {
        String major = v == null ? "" : v.split("\\.", -1)[0];
        return major.matches("[0-9]{1,9}") ? Integer.parseInt(major) : 0; // none yet: Flyway says null or a label
    }

    /**
     * The driver's own words ("Connection to db:5432 refused", "password authentication failed
     * for user ..."): the message of the deepest SQLException in the chain, else the innermost
     * cause's; its first line only.
     */
    public static String reasonOf(Throwable e) {
        Throwable pick = e;
        Throwable sql = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            pick = t;
            if (t instanceof SQLException) {
                sql = t;
            }
        }
        Throwable t = sql != null ? sql : pick;
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** A failed JDBC call as a StoreException naming the database. */
    public StoreException failure(String doing, SQLException e) {
        return new StoreException(doing + " in PostgreSQL " + settings.url() + " failed: " + reasonOf(e), e);
    }

    @Override
    public void close() {
        pool.close();
    }
}
