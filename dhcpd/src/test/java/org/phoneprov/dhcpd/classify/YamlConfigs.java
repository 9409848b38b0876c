package org.phoneprov.dhcpd.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.SuiteConfig;

/** Writes a small config the way admins do and loads it through the real loader. */
public final class YamlConfigs {
    /** Suite at 192.0.2.10, httpd on 8080, one subnet; tests append classes and devices. */
    public static final String BASE = """
            suite:
              address: 192.0.2.10
            paths:
              files: files
              state: state
            httpd:
              port: 8080
            dhcpd:
              lease_time: 600
              subnets:
                - subnet: 10.77.0.0/16
                  pools: ["10.77.32.0-10.77.255.254"]
                  router: 10.77.0.1
                  dns: [10.77.0.1, 10.77.0.2]
                  domain: lab.test
            """;

    private YamlConfigs() {
    }

    /** Loads {@code BASE + more}; a config that does not load fails the test with the loader's messages. */
    public static SuiteConfig load(Path dir, String more) {
        return loadText(dir, BASE + more);
    }

    public static SuiteConfig loadText(Path dir, String yaml) {
        try {
            Files.createDirectories(dir.resolve("files"));
            Files.createDirectories(dir.resolve("state"));
            Path file = dir.resolve("phoneprov.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            LoadResult r = ConfigLoader.load(file);
            return r.config().orElseThrow(() -> new AssertionError("config does not load: " + r.problems()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** ASCII bytes, for option values written as text. */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
