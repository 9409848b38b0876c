package org.phoneprov.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.log.ReasonCounters;

/** How every daemon's metrics are built: units from names, reasons from enums, unregistered together. */
class MetricGroupTest {
    enum Why { TOO_SHORT, RATE_LIMITED }

    static final class WhyCounters extends ReasonCounters<Why> {
        WhyCounters() {
            super(Why.class);
        }
    }

    private final SuiteMetrics suite = new SuiteMetrics();

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        suite.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theUnitFollowsTheNameSuffix() {
        assertEquals(Unit.SECONDS, MetricGroup.unitOf("phoneprov_http_request_duration_seconds"));
        assertEquals(Unit.BYTES, MetricGroup.unitOf("phoneprov_http_sent_bytes_total"));
        assertNull(MetricGroup.unitOf("phoneprov_http_requests_total"));
    }

    @Test
    void reasonsAreReadAtScrapeTimeInLowerCaseZerosIncluded() throws Exception {
        WhyCounters why = new WhyCounters();
        new MetricGroup(suite.registry()).reasons("phoneprov_test_drops_total", "drops", "reason", List.of(why));
        why.increment(Why.RATE_LIMITED);
        String text = scrape();
        assertTrue(text.contains("phoneprov_test_drops_total{reason=\"rate_limited\"} 1.0"), text);
        assertTrue(text.contains("phoneprov_test_drops_total{reason=\"too_short\"} 0.0"), text);
    }

    @Test
    void aHistogramReadAtScrapeTimeCumulatesItsBuckets() throws Exception {
        new MetricGroup(suite.registry()).histogramReading("phoneprov_test_wait_seconds", "wait",
                new double[] {0.1, 1}, () -> new long[] {2, 0, 1}, () -> 3.25);
        String text = scrape();
        assertTrue(text.contains("# TYPE phoneprov_test_wait_seconds histogram"), text);
        assertTrue(text.contains("phoneprov_test_wait_seconds_bucket{le=\"0.1\"} 2\n"), text);
        assertTrue(text.contains("phoneprov_test_wait_seconds_bucket{le=\"1.0\"} 2\n"), text);
        assertTrue(text.contains("phoneprov_test_wait_seconds_bucket{le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("phoneprov_test_wait_seconds_count 3\n"), text);
        assertTrue(text.contains("phoneprov_test_wait_seconds_sum 3.25\n"), text);
    }

    @Test
    void aCounterWithAUnitKeepsItsNameAndCloseUnregistersTheGroup() throws Exception {
        MetricGroup g = new MetricGroup(suite.registry());
        g.counter("phoneprov_test_sent_bytes_total", "bytes").inc(5);
        g.histogram("phoneprov_test_duration_seconds", "time", new double[] {0.5, 1}).observe(0.7);
        String text = scrape();
        assertTrue(text.contains("phoneprov_test_sent_bytes_total 5.0"), text);
        assertTrue(text.contains("phoneprov_test_duration_seconds_bucket{le=\"1.0\"} 1"), text);
        g.close();
        assertEquals("", scrape());
        new MetricGroup(suite.registry()).counter("phoneprov_test_sent_bytes_total", "bytes");
        assertTrue(scrape().contains("phoneprov_test_sent_bytes_total 0.0"), "registered again after close");
    }
}
