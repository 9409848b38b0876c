package org.phoneprov.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/grafana/phoneprov.json, the dashboard shipped for the suite's metrics: importable
 * (a Prometheus data source input), and every query names only series the daemons register,
 * so no panel stays empty because a name drifted. Every registered metric has a panel.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of(System.getProperty("phoneprov.root", ".."))
            .resolve("examples/grafana/phoneprov.json");
    private static final String DATASOURCE = "${DS_PROMETHEUS}";
    /** PromQL words that look like names: operators and modifiers (functions and aggregations are followed by a paren). */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![a-zA-Z0-9_:.])[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?");

    @TempDir
    Path dir;

    private final JsonNode dashboard = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(DASHBOARD.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + DASHBOARD.toAbsolutePath(), e);
        }
    }

    /** The metric names of a PromQL expression: what is left once strings, matchers, ranges and groupings are gone. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group().replaceAll("[\\s(]", "");
            if (m.group(1) == null && !KEYWORDS.contains(id)) {
                names.add(id);
            }
        }
        return names;
    }

    private List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                p.path("panels").forEach(out::add); // a collapsed row holds its panels
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private List<String> exprs() {
        List<String> out = new ArrayList<>();
        for (JsonNode p : panels()) {
            p.path("targets").forEach(t -> out.add(t.path("expr").asText()));
        }
        return out;
    }

    @Test
    void theNameReaderFindsMetricsOnly() {
        assertEquals(Set.of("phoneprov_http_request_duration_seconds_bucket"), metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(phoneprov_http_request_duration_seconds_bucket"
                        + "{instance=~\"$instance\",code!=\"x_total\"}[5m])))"));
        assertEquals(Set.of("a_free", "a_size"), metricNames("1 - sum by (subnet) (a_free) / sum(a_size offset 1e3)"));
    }

    @Test
    void itImportsWithAPrometheusDataSource() {
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36 && dashboard.path("schemaVersion").asInt() <= 41);
        JsonNode input = dashboard.path("__inputs").get(0);
        assertEquals(List.of("DS_PROMETHEUS", "datasource", "prometheus"), List.of(input.path("name").asText(),
                input.path("type").asText(), input.path("pluginId").asText()));
        assertFalse(panels().isEmpty());
        for (JsonNode p : panels()) {
            String title = p.path("title").asText();
            assertEquals(DATASOURCE, p.path("datasource").path("uid").asText(), title);
            assertFalse(p.path("targets").isEmpty(), title);
            p.path("targets").forEach(t -> assertEquals(DATASOURCE, t.path("datasource").path("uid").asText(), title));
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            assertEquals(DATASOURCE, v.path("datasource").path("uid").asText(), v.path("name").asText());
        }
    }

    @Test
    void everyQueryNamesRegisteredSeriesAndEveryMetricHasAPanel() throws Exception {
        Set<String> registered = SuiteScrapeTest.sampleNames(dir);
        Set<String> used = new TreeSet<>();
        for (String expr : exprs()) {
            Set<String> names = metricNames(expr);
            assertFalse(names.isEmpty(), expr);
            for (String n : names) {
                assertTrue(registered.contains(n), n + " is not registered; in " + expr);
            }
            used.addAll(names);
            Matcher ranges = Pattern.compile("\\[([^]]*)]").matcher(expr);
            while (ranges.find()) {
                assertEquals("5m", ranges.group(1), expr);
            }
            if (expr.contains("histogram_quantile")) {
                assertTrue(expr.contains("by (le)") && names.stream().allMatch(n -> n.endsWith("_bucket")), expr);
            }
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            String query = v.path("query").path("query").asText();
            assertTrue(query.matches("label_values\\((.*), instance\\)"), query);
            metricNames(query.replaceAll("label_values\\((.*), instance\\)", "$1"))
                    .forEach(n -> assertTrue(registered.contains(n), n + " in " + query));
        }
        Set<String> families = new TreeSet<>();
        registered.forEach(n -> families.add(n.replaceAll("_(bucket|count|sum)$", "")));
        Set<String> shown = new TreeSet<>();
        used.forEach(n -> shown.add(n.replaceAll("_(bucket|count|sum)$", "")));
        families.removeAll(shown);
        assertEquals(Set.of(), families, "registered but on no panel");
    }
}
