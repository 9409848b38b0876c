package org.phoneprov.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a time limit; for lab set-up and real clients. */
public final class Sh {
    public record Result(int code, String out, String err) {
        public Result ok() {
            if (code != 0) {
                throw new IllegalStateException("exit " + code + ": " + err + out);
            }
            return this;
        }
    }

    private Sh() {
    }

    public static Result run(List<String> cmd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            byte[][] streams = new byte[2][];
            Thread errReader = new Thread(() -> {
                try {
                    streams[1] = p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    streams[1] = new byte[0];
                }
            });
            errReader.start();
            streams[0] = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + cmd);
            }
            errReader.join(5000);
            return new Result(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                    streams[1] == null ? "" : new String(streams[1], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(String... cmd) {
        return run(List.of(cmd), 60);
    }

    /** The same command inside a network namespace. */
    public static List<String> in(String netns, String... cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        all.addAll(List.of(cmd));
        return all;
    }

    public static boolean have(String tool) {
        return run(List.of("sh", "-c", "command -v " + tool), 10).code() == 0;
    }
}
