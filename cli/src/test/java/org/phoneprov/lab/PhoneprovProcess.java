package org.phoneprov.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code phoneprov run} as a real process (in a namespace), its output kept in a log file. */
public final class PhoneprovProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private PhoneprovProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static Path jar() {
        String p = System.getProperty("phoneprov.jar");
        if (p == null || !Files.isRegularFile(Path.of(p))) {
            throw new IllegalStateException("phoneprov.jar not built (run through 'mvn verify'): " + p);
        }
        return Path.of(p);
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("phoneprov.root", "..")).toAbsolutePath().normalize();
    }

    public static PhoneprovProcess start(String netns, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(List.of("java", "-Xmx256m", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PhoneprovProcess(p, log);
    }

    /** Any other long-running program (a sipp phone, tcpdump) in {@code netns} (null: here), its output to {@code log}. */
    public static PhoneprovProcess startCommand(String netns, Path log, String... cmd) throws IOException {
        List<String> all = new ArrayList<>(netns == null ? List.of() : List.of("ip", "netns", "exec", netns));
        all.addAll(List.of(cmd));
        Process p = new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PhoneprovProcess(p, log);
    }

    /** The log so far, or why it cannot be read: for assertion messages. */
    public String logText() {
        try {
            return log();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** How many lines of the log so far say {@code marker}. */
    public int logCount(String marker) {
        return (int) logText().lines().filter(l -> l.contains(marker)).count();
    }

    /** Waits until the log says {@code marker}; fails with the log if the process exits or time runs out. */
    public void awaitLog(String marker, int seconds) throws InterruptedException {
        awaitLog(marker, 1, seconds);
    }

    /**
     * Waits until {@code count} lines of the log say {@code marker}, to see a line again:
     * {@link #logCount} before the action, then one more. Fails with the log if the
     * process exits first or time runs out.
     */
    public void awaitLog(String marker, int count, int seconds) throws InterruptedException {
        String what = count == 1 ? "'" + marker + "'" : count + " lines of '" + marker + "'";
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (logCount(marker) < count) {
            if (!alive() && logCount(marker) < count) { // read again: it may have said it just before exiting
                throw new AssertionError("the process exited before " + what + ": " + logText());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + what + " within " + seconds + " s: " + logText());
            }
            Thread.sleep(100);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public void signal(String sig) {
        Sh.run("kill", "-" + sig, Long.toString(process.pid())).ok();
    }

    /** SIGKILL: the crash a store must survive. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code (or -1 if it did not stop in time and had to be killed). */
    public int stop(int seconds) throws InterruptedException {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        signal("TERM");
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(10);
        }
    }
}
