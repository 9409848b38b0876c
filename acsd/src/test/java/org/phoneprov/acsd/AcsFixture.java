package org.phoneprov.acsd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.phoneprov.common.config.AcsdReader;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.config.SectionReader;
import org.phoneprov.common.config.Sections;
import org.phoneprov.common.config.SuiteConfig;

/** A config folder for acsd's tests, loaded by the loader the CLI uses, with common's sections and {@code acsd:}. */
public final class AcsFixture {
    public static final List<SectionReader<?>> READERS;
    public static final String DEVICES = """
            devices:
              - mac: 00:14:7F:77:00:01
                model: ST2030S
                http_password: s3cret
                lines:
                  - {number: "1001", registrar: 192.0.2.1}
              - mac: 00:14:7F:77:00:02
                model: ST2030S
                http_user: phone2
                http_password: other
              - mac: 00:14:7F:77:00:03
                model: ST2030S
            """;

    static {
        List<SectionReader<?>> r = new ArrayList<>(Sections.COMMON);
        r.add(AcsdReader.SECTION);
        READERS = List.copyOf(r);
    }

    private AcsFixture() {
    }

    public static LoadResult load(Path dir, String acsd) throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("devices.yaml"), DEVICES);
        Path cfg = dir.resolve("phoneprov.yaml");
        Files.writeString(cfg, "suite: {address: 192.0.2.10}\npaths: {files: files, state: state}\n"
                + "inventory: devices.yaml\n" + acsd);
        return ConfigLoader.load(cfg, READERS);
    }

    public static SuiteConfig config(Path dir, String acsd) throws IOException {
        LoadResult r = load(dir, acsd);
        assertTrue(r.isOk(), problems(r));
        return r.config().orElseThrow();
    }

    public static String problems(LoadResult r) {
        return r.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
