package org.phoneprov.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.phoneprov.cli.demo.DemoRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code phoneprov demo}: with nothing prepared, the whole suite and eight simulated
 * phones — in network namespaces when run as root, else on loopback — one check-sync
 * round, and what the event log recorded.
 */
@Command(name = "demo", description = {
        "Run the whole suite with simulated phones, one check-sync round, and show what happened.",
        "As root it builds its own network namespaces (removed at the end); otherwise it uses loopback."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keep", description = "Keep the demo folder (config, files, events, phone states).")
    boolean keep;

    @Option(names = "--loopback", description = "Use loopback even as root.")
    boolean loopback;

    @Override
    public Integer call() throws Exception {
        Quiet.logs();
        Path jar;
        try {
            jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isRegularFile(jar)) {
            System.err.println("phoneprov demo: run it from the built jar (./phoneprov demo)");
            return 1;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path dir = Files.createTempDirectory("phoneprov-demo-");
        try {
            return new DemoRun(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString()), System.out)
                    .run(dir, loopback);
        } finally {
            if (keep) {
                System.out.println("kept " + dir);
            } else {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
