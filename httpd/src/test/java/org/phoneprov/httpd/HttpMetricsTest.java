package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.testsupport.Scrape;
import org.slf4j.LoggerFactory;

/** httpd's metrics as a scrape reads them: names, labels, types and counts. */
class HttpMetricsTest {
    private final SuiteMetrics suite = new SuiteMetrics();
    private final LimitLog limits = new LimitLog(new RateLimitedLog(LoggerFactory.getLogger("org.phoneprov.httpd")));
    private final HttpMetrics metrics = new HttpMetrics(suite.registry(), new Connections(), limits);

    @Test
    void responsesAreCountedByStatusWithBytesAndDuration() {
        metrics.responded(200, 1000, 150_000, true); // 150 µs
        metrics.responded(200, 24, 2_000_000, true);
        metrics.responded(404, 10, 80_000, true);
        metrics.responded(200, 5000, 3_000_000_000L, false); // the phone hung up

        Scrape s = Scrape.of(suite);
        assertEquals("counter", s.type("phoneprov_http_requests_total"));
        assertEquals(3, s.value("phoneprov_http_requests_total{code=\"200\"}"));
        assertEquals(1, s.value("phoneprov_http_requests_total{code=\"404\"}"));
        assertEquals(0, s.value("phoneprov_http_requests_total{code=\"429\"}"), "sent statuses exist from the start");
        assertEquals(1034, s.value("phoneprov_http_sent_bytes_total"), "an aborted body is not counted");
        assertEquals(1, s.value("phoneprov_http_responses_aborted_total"));
        assertEquals("histogram", s.type("phoneprov_http_request_duration_seconds"));
        assertEquals(1, s.value("phoneprov_http_request_duration_seconds_bucket{le=\"1.0E-4\"}"));
        assertEquals(2, s.value("phoneprov_http_request_duration_seconds_bucket{le=\"2.5E-4\"}"));
        assertEquals(3, s.value("phoneprov_http_request_duration_seconds_bucket{le=\"0.0025\"}"));
        assertEquals(4, s.value("phoneprov_http_request_duration_seconds_count"));
    }

    @Test
    void aStatusNotSentBeforeGetsItsSeriesOnFirstUse() {
        assertFalse(Scrape.of(suite).has("phoneprov_http_requests_total{code=\"418\"}"));
        metrics.responded(418, 0, 1, true);
        metrics.responded(418, 0, 1, true);
        metrics.responded(0, 0, 1, true); // a bug, not a label of its own
        Scrape s = Scrape.of(suite);
        assertEquals(2, s.value("phoneprov_http_requests_total{code=\"418\"}"));
        assertEquals(1, s.value("phoneprov_http_requests_total{code=\"other\"}"));
    }

    @Test
    void connectionsAndTheirCutsAreReadAtScrapeTime() {
        limits.keepaliveTimeout();
        limits.keepaliveTimeout();
        Scrape s = Scrape.of(suite);
        assertEquals("gauge", s.type("phoneprov_http_connections_open"));
        assertEquals(0, s.value("phoneprov_http_connections_open"));
        assertEquals(2, s.value("phoneprov_http_connections_cut_total{reason=\"keepalive_timeout\"}"));
        s.assertEveryValue("phoneprov_http_connections_cut_total", "reason", LimitLog.Cut.values());
    }

    @Test
    void namesFollowThePrometheusConventions() {
        Scrape s = Scrape.of(suite);
        s.assertWellFormed();
        s.assertNamed("phoneprov_http_");
        assertTrue(s.text().contains("# TYPE phoneprov_http_sent_bytes_total counter"), s.text());
        metrics.close();
        assertEquals("", Scrape.of(suite).text());
    }
}
