package org.phoneprov.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.phoneprov.common.config.StoreSettings;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, made for one test in a
 * temporary folder: {@code initdb} and {@code pg_ctl} run as the {@code postgres} user (the
 * server refuses root), listening only on 127.0.0.1 at a free port and on a unix socket in
 * that folder. Local (socket) logins as {@code postgres} are trusted, for set-up with psql;
 * TCP logins need a password (scram-sha-256), as a real deployment would. Closing stops the
 * server and deletes the folder.
 *
 * <p>It needs root (to become {@code postgres}) and the package; without them a test skips with
 * the reason, unless {@code PHONEPROV_LAB=required} (CI), where that is a failure.
 */
public final class PgServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private final Path dir;
    private final Path bin;
    private final String netns;
    private final int port;
    /** Where it listens: 127.0.0.1, or a lab address other namespaces reach it at. */
    private final String host;
    private boolean running;

    private PgServer(Path dir, Path bin, String netns, int port, String host) {
        this.dir = dir;
        this.bin = bin;
        this.netns = netns;
        this.port = port;
        this.host = host;
    }

    /** Skips (or fails under PHONEPROV_LAB=required) when no server can be made here. */
    public static void require() {
        Optional<String> why = unavailable();
        if (why.isPresent() && "required".equals(System.getenv("PHONEPROV_LAB"))) {
            throw new AssertionError("PHONEPROV_LAB=required but " + why.get());
        }
        assumeTrue(why.isEmpty(), why.orElse(""));
    }

    /** Why a server cannot be made here, if it cannot. */
    public static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("a PostgreSQL test server needs root, to run initdb as the postgres user");
        }
        if (binaries().isEmpty()) {
            return Optional.of("PostgreSQL tests need Debian's postgresql package (./run-tests installs it)");
        }
        if (run(List.of("id", "postgres"), 10).code != 0) {
            return Optional.of("PostgreSQL tests need the postgres user (the postgresql package makes it)");
        }
        return Optional.empty();
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} holding pg_ctl. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String name) {
        return name.matches("[0-9]{1,4}") ? Integer.parseInt(name) : -1;
    }

    /** A server on 127.0.0.1 of this host's network namespace. */
    public static PgServer start() throws IOException {
        return start(null);
    }

    /**
     * A server on 127.0.0.1 inside network namespace {@code netns} (null: this one), where the
     * suite under test runs; its socket folder is reachable from every namespace.
     */
    public static PgServer start(String netns) throws IOException {
        return start(netns, HOST);
    }

    /**
     * A server in {@code netns} listening on {@code host}, an address of that namespace (for a
     * database several lab nodes share across a bridge), and on 127.0.0.1 there.
     */
    public static PgServer start(String netns, String host) throws IOException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(unavailable().orElse("no PostgreSQL")));
        Path dir = Files.createTempDirectory("phoneprov-pg-");
        PgServer s = new PgServer(dir, bin, netns, netns == null ? freePort() : 5432, host);
        try {
            s.ok(List.of("chown", "postgres:postgres", dir.toString()), 10);
            s.ok(s.asPostgres(bin.resolve("initdb").toString(), "-D", s.data(), "-U", "postgres", "-E", "UTF8",
                    "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"), 120);
            if (!host.equals(HOST)) {
                // initdb lets in loopback only; the lab's other hosts log in over their subnet, with a password.
                Files.writeString(Path.of(s.data(), "pg_hba.conf"), "host all all samenet scram-sha-256\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
            s.startAgain();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://HOST:PORT/db}. */
    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A role that logs in over TCP with {@code password}. */
    public void createRole(String role, String password) {
        psql("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
    }

    /** A database {@code owner} owns, so it may create tables in it (PostgreSQL 15: public is the owner's). */
    public void createDatabase(String database, String owner) {
        psql("postgres", "CREATE DATABASE " + database + " OWNER " + owner);
    }

    /**
     * A new database {@code role} owns, and the {@code store:} settings a node would read for it
     * (password login over TCP, a pool of 4).
     */
    public StoreSettings newStore(String database, String role, String password) {
        createDatabase(database, role);
        return new StoreSettings(StoreSettings.Type.POSTGRESQL, url(database), role, Optional.of(password), 4);
    }

    /** The database name of settings {@link #newStore} made, for {@link #psql}. */
    public static String database(StoreSettings s) {
        return s.url().substring(s.url().lastIndexOf('/') + 1);
    }

    /** Runs {@code sql} in {@code database} as postgres; its rows, unaligned, one per line, columns split by '|'. */
    public String psql(String database, String sql) {
        return ok(asPostgres(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port), "-U",
                "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-AtX", "-c", sql), 60);
    }

    /** Starts the server (again, after {@link #stop()}); returns once it accepts connections. */
    public void startAgain() {
        List<String> cmd = new ArrayList<>(netns == null ? List.of() : List.of("ip", "netns", "exec", netns));
        cmd.addAll(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-c listen_addresses=" + (host.equals(HOST) ? HOST : HOST + "," + host) + " -p " + port + " -k " + dir, "start"));
        ok(cmd, 90);
        running = true;
    }

    /** A fast shutdown: sessions are cut, as when the database host goes away. */
    public void stop() {
        if (running) {
            ok(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
            running = false;
        }
    }

    /** The server's own log, for assertion messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            killByPidFile(); // pg_ctl could not stop it: ours alone, by the pid it wrote
        }
        try (Stream<Path> w = Files.walk(dir)) {
            w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void killByPidFile() {
        try {
            String pid = Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).get(0).trim();
            if (pid.matches("[0-9]+")) {
                run(List.of("kill", "-KILL", pid), 10);
            }
        } catch (IOException | IndexOutOfBoundsException e) {
            // no pid file: no server left
        }
    }

    private List<String> asPostgres(String... cmd) {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        all.addAll(List.of(cmd));
        return all;
    }

    private String ok(List<String> cmd, int seconds) {
        Result r = run(cmd, seconds);
        if (r.code != 0) {
            throw new IllegalStateException("exit " + r.code + " from " + cmd + ": " + r.out + "\n" + log());
        }
        return r.out;
    }

    private record Result(int code, String out) {
    }

    private static Result run(List<String> cmd, int seconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + seconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
