package org.phoneprov.common.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The suite's one metrics registry (the official Prometheus Java client): every daemon
 * registers its counters and histograms here when it is made, and the management API's
 * {@code GET /metrics} writes them all in the Prometheus text format. One per process, never
 * the library's static default registry, so a test's suite never sees another's counts.
 * Names follow the Prometheus conventions: {@code phoneprov_<daemon>_...}, the unit in the
 * name, {@code _total} on counters.
 */
public final class SuiteMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();

    public PrometheusRegistry registry() {
        return registry;
    }

    /** What {@link #writeText} writes: {@code text/plain; version=0.0.4; charset=utf-8}. */
    public String contentType() {
        return text.getContentType();
    }

    /** Every registered metric, as a Prometheus scrape reads it. */
    public void writeText(OutputStream out) throws IOException {
        text.write(out, registry.scrape());
    }
}
