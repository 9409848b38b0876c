package org.phoneprov.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.SnapshotBuilder;

/**
 * A real provisioning snapshot (generated INFs and configs, static files) over a files
 * root built once per JVM, with traps around it: a secret file beside the root, symlinks
 * out of it (to the file and to its folder), a hidden file, names in mixed case. The
 * invariant every name lookup must keep: a file found on disk is a regular file inside
 * the root, reached without "..", and never the secret. Used by httpd's and tftpd's
 * fuzz tests.
 */
public final class FilesRoot {
    public static final String SECRET = "secret, outside the files root\n";

    private static final String CONFIG = """
            suite: {address: 192.0.2.10}
            paths: {files: files, state: state}
            httpd: {port: 8080}
            models:
              ST2030S:
                firmware: st2030/v100.zz
                melodies: st2030/melody.txt
                tone_table: ToneTable.txt
              ST2030M:
                firmware: st2030/v100m.zz
                deckfiles: [decks/main.thd]
            devices:
              - mac: 00:14:7F:E1:47:B3
                model: ST2030S
                lines:
                  - {number: "201", password: s3cret, display_name: Alice, registrar: pbx.example.lan}
              - mac: 00:14:7F:E1:47:B4
                model: ST2030M
            """;

    /** Built on first use, once per JVM: a fuzz run asks for it on every input. */
    private static final class Shared {
        static final FilesRoot INSTANCE = create();
    }

    private final Path root;
    private final Path realRoot;
    private final ProvisioningSnapshot snapshot;

    private FilesRoot(Path root, ProvisioningSnapshot snapshot) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
        this.snapshot = snapshot;
    }

    public static FilesRoot get() {
        return Shared.INSTANCE;
    }

    /** The files root, absolute and normalised (not resolved through links). */
    public Path root() {
        return root;
    }

    /** The snapshot built from the files root and its config. */
    public ProvisioningSnapshot snapshot() {
        return snapshot;
    }

    private static FilesRoot create() {
        try {
            return build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FilesRoot build() throws IOException {
        Path dir = Files.createTempDirectory("phoneprov-fuzz-root");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        Path files = dir.resolve("files");
        for (String f : new String[] {"st2030/v100.zz", "st2030/melody.txt", "ToneTable.txt", "st2030/v100m.zz",
                "decks/main.thd", "Sub/Inner.TXT", "cert/cacert.pem", "ip_phones/mgcp/st2030/v100.zz"}) {
            Path p = files.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content of " + f + "\n", StandardCharsets.UTF_8);
        }
        Files.writeString(files.resolve(".hidden"), "hidden\n");
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(files.resolve("escape"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(files.resolve("escapedir"), dir);
        Files.createSymbolicLink(files.resolve("inside"), files.resolve("ToneTable.txt"));
        Path config = dir.resolve("phoneprov.yaml");
        Files.writeString(config, CONFIG, StandardCharsets.UTF_8);
        LoadResult r = ConfigLoader.load(config);
        SuiteConfig c = r.config().orElseThrow(() -> new AssertionError("fuzz config does not load: " + r.problems()));
        SnapshotBuilder.Result s = SnapshotBuilder.build(c, Optional.empty(), 1_700_000_000_000L);
        return new FilesRoot(files.toAbsolutePath().normalize(),
                s.snapshot().orElseThrow(() -> new AssertionError("no snapshot: " + s.problems())));
    }

    /** A lookup's answer keeps the root: what is found on disk is inside it. */
    public void check(Lookup l, String asked) {
        assertNotNull(l, asked);
        if (l instanceof Lookup.Found f && f.file() instanceof ServedFile.Static s) {
            String name = s.name();
            assertFalse(name.startsWith("/"), () -> "absolute name " + show(name) + " for " + show(asked));
            for (String segment : name.split("/", -1)) {
                assertFalse(segment.equals(".."), () -> "'..' in " + show(name) + " for " + show(asked));
            }
            assertTrue(name.chars().noneMatch(c -> c < 0x20 || c == 0x7f),
                    () -> "control character in " + show(name) + " for " + show(asked));
            try {
                Path real = s.path().toRealPath();
                assertTrue(real.startsWith(realRoot), () -> show(asked) + " reached " + real + ", outside " + realRoot);
                assertTrue(Files.isRegularFile(real), () -> show(asked) + " reached " + real + ", not a file");
                assertFalse(SECRET.equals(Files.readString(real)), () -> show(asked) + " reached the secret");
            } catch (IOException e) {
                throw new AssertionError(show(asked) + " was found but cannot be read: " + e, e);
            }
        }
    }

    /** Client text for an assertion message: printable ASCII, the rest escaped. */
    public static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.append('"').toString();
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
