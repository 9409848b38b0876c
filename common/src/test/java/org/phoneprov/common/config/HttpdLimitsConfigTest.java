package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** httpd's limits: key: what loads, what it defaults to, and every bad value as a located error. */
class HttpdLimitsConfigTest {
    private static final String HEAD = """
            suite:
              address: 192.0.2.10
            paths:
              files: files
              state: state
            """;

    @TempDir
    Path dir;

    private LoadResult load(String httpd) throws Exception {
        return ConfigLoader.load(TestConfigs.write(dir, HEAD + httpd));
    }

    private String errors(String httpd) throws Exception {
        LoadResult r = load(httpd);
        assertFalse(r.isOk(), "expected errors");
        return String.join("\n", r.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void withoutTheKeyTheDefaultsHold() throws Exception {
        HttpdSettings.Limits d = HttpdSettings.Limits.DEFAULT;
        assertEquals(new HttpdSettings.Limits(10, 5, 4096, 64), d);
        assertEquals(d, load("httpd:\n  port: 8080\n").config().orElseThrow().http().limits());
        assertEquals(d, ConfigLoader.load(TestConfigs.write(dir, HEAD)).config().orElseThrow().http().limits());
        assertEquals(d, HttpdSettings.defaults().limits());
    }

    @Test
    void everyKeyLoads() throws Exception {
        LoadResult r = load("""
                httpd:
                  limits:
                    request_head_seconds: 20
                    keepalive_seconds: 15
                    max_connections: 300
                    max_per_client: 40
                """);
        assertTrue(r.isOk(), r.problems().toString());
        assertEquals(new HttpdSettings.Limits(20, 15, 300, 40), r.config().orElseThrow().http().limits());
    }

    @Test
    void anUnsetKeepaliveOrPerClientFollowsASmallerHeadOrTotal() throws Exception {
        LoadResult r = load("httpd:\n  limits: {request_head_seconds: 3, max_connections: 10}\n");
        assertTrue(r.isOk(), r.problems().toString());
        assertEquals(new HttpdSettings.Limits(3, 3, 10, 10), r.config().orElseThrow().http().limits());
    }

    @Test
    void badValuesAreLocatedErrors() throws Exception {
        Path cfg = dir.resolve("phoneprov.yaml");
        String all = errors("""
                httpd:
                  limits:
                    request_head_seconds: 0
                    keepalive_seconds: ten
                    max_connections: 2000000
                    max_per_client: -1
                    header_timeout: 5
                """);
        assertTrue(all.contains(cfg + ":8:27: httpd.limits.request_head_seconds: must be between 1 and 3600, found 0"),
                all);
        assertTrue(all.contains(cfg + ":9:24: httpd.limits.keepalive_seconds: expected an integer"), all);
        assertTrue(all.contains("httpd.limits.max_connections: must be between 1 and 1000000"), all);
        assertTrue(all.contains("httpd.limits.max_per_client: must be between 1 and 1000000"), all);
        assertTrue(all.contains(cfg + ":12:5: httpd.limits.header_timeout: unknown key"), all);

        String longer = errors("httpd:\n  limits:\n    request_head_seconds: 10\n    keepalive_seconds: 60\n");
        assertTrue(longer.contains(cfg + ":9:24: httpd.limits.keepalive_seconds: 60 is longer than"
                + " request_head_seconds (10)"), longer);
        String more = errors("httpd:\n  limits: {max_connections: 100, max_per_client: 101}\n");
        assertTrue(more.contains("httpd.limits.max_per_client: 101 is more than max_connections (100)"), more);
        String notMap = errors("httpd:\n  limits: 5\n");
        assertTrue(notMap.contains("httpd.limits: expected a mapping"), notMap);
    }
}
