package org.phoneprov.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phoneprov.common.metrics.SuiteMetrics;

/**
 * One scrape of a registry in the Prometheus text format (0.0.4), as a scraper reads it:
 * the samples by series ({@code name{label="value"}}), the metric types, and a line-by-line
 * check of the format.
 */
public final class Scrape {
    /** The metric and label name grammar of the exposition format. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)( -?\\d+)?");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*)( (.*))?");

    private final String text;
    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Set<String> names = new TreeSet<>();
    private final Set<String> sampleNames = new TreeSet<>();

    private Scrape(String text, PrometheusRegistry registry) {
        this.text = text;
        for (MetricSnapshot s : registry.scrape()) {
            String name = s.getMetadata().getPrometheusName();
            names.add(name);
            if (s instanceof CounterSnapshot) {
                sampleNames.add(name + "_total");
            } else if (s instanceof HistogramSnapshot) {
                sampleNames.addAll(List.of(name + "_bucket", name + "_count", name + "_sum"));
            } else {
                sampleNames.add(name);
            }
        }
        for (String line : text.split("\n")) {
            Matcher c = COMMENT.matcher(line);
            if (c.matches() && c.group(1).equals("TYPE")) {
                types.put(c.group(2), c.group(4));
            }
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
    }

    /** What {@code GET /metrics} answers: {@link SuiteMetrics#writeText}. */
    public static Scrape of(SuiteMetrics metrics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            metrics.writeText(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(out.toString(StandardCharsets.UTF_8), metrics.registry());
    }

    public String text() {
        return text;
    }

    /** The value of one series, written as the text format writes it: {@code name{a="x",b="y"}}. */
    public double value(String series) {
        Double v = samples.get(series);
        assertNotNull(v, () -> "no sample " + series + " in\n" + text);
        return v;
    }

    /** The sum of every series of {@code name}, whatever its labels; 0 when it has none. */
    public double sum(String name) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            if (e.getKey().equals(name) || e.getKey().startsWith(name + "{")) {
                total += e.getValue();
            }
        }
        return total;
    }

    public boolean has(String series) {
        return samples.containsKey(series);
    }

    /** {@code counter}, {@code gauge}, {@code histogram}... as its {@code # TYPE} line says. */
    public String type(String name) {
        String t = types.get(name);
        assertNotNull(t, () -> "no # TYPE line for " + name + " in\n" + text);
        return t;
    }

    /**
     * The names the registry holds, as a scraper sees them ({@code _total} and histogram
     * suffixes off), samples or not: a callback with nothing to report yet is listed too.
     */
    public Set<String> names() {
        return names;
    }

    /** The names of the series a scraper gets: {@code x_total} of a counter, {@code x_bucket} of a histogram... */
    public Set<String> sampleNames() {
        return sampleNames;
    }

    /** {@code name} has a series for each of {@code values} as its {@code label}, in lower case (zeros too). */
    public void assertEveryValue(String name, String label, Enum<?>... values) {
        for (Enum<?> v : values) {
            String series = name + "{" + label + "=\"" + v.name().toLowerCase(Locale.ROOT) + "\"}";
            assertTrue(samples.containsKey(series), () -> "no sample " + series + " in\n" + text);
        }
    }

    /**
     * The Prometheus naming conventions: every metric named {@code prefix...}, and a name
     * ending in {@code _total} exactly when it is a counter.
     */
    public void assertNamed(String prefix) {
        for (String name : names) {
            assertTrue(name.startsWith(prefix), name);
        }
        types.forEach((name, type) -> assertEquals(type.equals("counter"), name.endsWith("_total"),
                "_total is for counters: " + name + " " + type));
    }

    /**
     * Every line is a {@code # HELP}, a {@code # TYPE} or a sample of the metric the last
     * {@code # TYPE} announced, with names and label names of the format's grammar, a
     * number for a value, no label twice, and each metric announced once.
     */
    public void assertWellFormed() {
        Set<String> announced = new TreeSet<>();
        String current = null;
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            String where = "line " + n + ": " + line;
            if (line.startsWith("#")) {
                Matcher c = COMMENT.matcher(line);
                assertTrue(c.matches(), where);
                if (c.group(1).equals("TYPE")) {
                    assertTrue(announced.add(c.group(2)), "announced twice, " + where);
                    assertTrue(Set.of("counter", "gauge", "histogram", "summary", "untyped").contains(c.group(4)),
                            where);
                    current = c.group(2);
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), where);
            assertNotNull(current, "a sample before any # TYPE, " + where);
            String name = m.group(1);
            assertTrue(name.equals(current) || name.startsWith(current + "_"), "not of " + current + ", " + where);
            assertTrue(NAME.matcher(name).matches(), where);
            if (m.group(2) != null) {
                String labels = m.group(2).substring(1, m.group(2).length() - 1);
                Set<String> seen = new TreeSet<>();
                for (String pair : labels.split(",(?=[a-zA-Z_][a-zA-Z0-9_]*=\")")) {
                    Matcher l = LABEL.matcher(pair);
                    assertTrue(l.matches(), "label " + pair + ", " + where);
                    assertTrue(seen.add(l.group(1)), "label twice, " + where);
                }
            }
            String v = m.group(3);
            if (!v.equals("+Inf") && !v.equals("-Inf") && !v.equals("NaN")) {
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    fail("value " + v + ", " + where);
                }
            }
        }
        assertEquals(announced, types.keySet(), "each # TYPE read once");
    }
}
