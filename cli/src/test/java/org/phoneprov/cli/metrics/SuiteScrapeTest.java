package org.phoneprov.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.cli.run.DaemonRegistry;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.SuiteServices;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.common.net.AddressBook;
import org.phoneprov.testsupport.Scrape;

/**
 * The whole suite's scrape, as {@code GET /metrics} will answer it: every built-in daemon is
 * made (not started: no socket) on one registry, the text is the exposition format line by
 * line, and each daemon's names are its own.
 */
class SuiteScrapeTest {
    @TempDir
    Path dir;

    static SuiteConfig config(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Path cfg = dir.resolve("phoneprov.yaml");
        Files.writeString(cfg, """
                suite: {address: 127.0.0.1}
                paths: {files: files, state: state}
                """);
        LoadResult r = ConfigLoader.load(cfg, DaemonRegistry.BUILT_IN.sections());
        return r.config().orElseThrow(() -> new AssertionError(r.problems()));
    }

    /** Makes {@code specs} on {@code metrics}, scrapes, and closes them again. */
    static Scrape scrapeOf(SuiteConfig c, SuiteMetrics metrics, List<DaemonSpec> specs) throws Exception {
        SuiteServices services = new SuiteServices(c, () -> c, () -> null, e -> { }, new AddressBook(), metrics,
                null, new org.phoneprov.common.daemon.PairShare());
        List<Daemon> made = new ArrayList<>();
        try {
            for (DaemonSpec spec : specs) {
                made.add(spec.factory().create(services));
            }
            return Scrape.of(metrics);
        } finally {
            made.forEach(Daemon::close);
        }
    }

    /** Every metric name of the whole suite, as a scraper's queries name its series. */
    static Set<String> sampleNames(Path dir) throws Exception {
        return scrapeOf(config(dir), new SuiteMetrics(), DaemonRegistry.BUILT_IN.specs()).sampleNames();
    }

    @Test
    void theSuitesScrapeIsTheExpositionFormatLineByLine() throws Exception {
        SuiteMetrics metrics = new SuiteMetrics();
        Scrape s = scrapeOf(config(dir), metrics, DaemonRegistry.BUILT_IN.specs());
        s.assertWellFormed();
        s.assertNamed("phoneprov_");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType());
        Set<String> names = s.names();
        for (String daemon : List.of("dhcp", "tftp", "http", "sip")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith("phoneprov_" + daemon + "_")), daemon + ": " + names);
        }
        assertTrue(s.text().contains("phoneprov_http_requests_total{code=\"200\"} 0.0"), "zeros from the start");
        assertEquals("", Scrape.of(metrics).text(), "closing the daemons unregistered every metric");
    }

    @Test
    void noTwoDaemonsRegisterTheSameName() throws Exception {
        SuiteConfig c = config(dir);
        Map<String, String> owner = new TreeMap<>();
        Set<String> clashes = new TreeSet<>();
        for (DaemonSpec spec : DaemonRegistry.BUILT_IN.specs()) {
            Set<String> own = scrapeOf(c, new SuiteMetrics(), List.of(spec)).names();
            assertFalse(own.isEmpty(), spec.name() + " registers metrics");
            for (String name : own) {
                String before = owner.putIfAbsent(name, spec.name());
                if (before != null) {
                    clashes.add(name + " (" + before + ", " + spec.name() + ")");
                }
            }
        }
        assertEquals(Set.of(), clashes);
        assertEquals(owner.keySet(), scrapeOf(c, new SuiteMetrics(), DaemonRegistry.BUILT_IN.specs()).names(),
                "together they register what each does alone");
    }
}
