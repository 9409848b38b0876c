package org.phoneprov.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A program the demo started (the suite, the phones, notify): its output collected as it comes. */
final class Child implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private Child(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Child start(List<String> cmd) throws IOException {
        return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    private void read() {
        byte[] buf = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    String output() {
        return output.toString();
    }

    /** Waits until the output satisfies {@code done}; false when the process ended first or time ran out. */
    boolean await(Predicate<String> done, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (done.test(output())) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(2000);
                return done.test(output());
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits for the exit; the exit code, or -1 after killing it when it did not end in time. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        }
        reader.join(2000);
        return process.exitValue();
    }

    /** SIGHUP, SIGTERM ...: through kill(1), since Java only sends TERM and KILL. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
