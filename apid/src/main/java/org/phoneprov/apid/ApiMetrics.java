package org.phoneprov.apid;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.phoneprov.common.metrics.MetricGroup;

/**
 * The management API's metrics, {@code phoneprov_api_*}: calls by status code and how long
 * they took, and the wrong tokens it refused. Calls are few (an admin, a dashboard, a
 * scraper), so the client's own labelled counters serve as they are.
 */
final class ApiMetrics implements AutoCloseable {
    static final double[] CALL_SECONDS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60};
    private final MetricGroup group;
    private final Counter calls;
    private final Histogram duration;
    private final Counter refused;

    ApiMetrics(PrometheusRegistry registry) {
        this.group = new MetricGroup(registry);
        this.calls = group.counter("phoneprov_api_calls_total", "API and dashboard calls answered, by HTTP status code",
                "code");
        this.duration = group.histogram("phoneprov_api_call_duration_seconds",
                "From a call's whole request read to its answer written", CALL_SECONDS);
        this.refused = group.counter("phoneprov_api_token_refusals_total",
                "Calls refused at the token gate: no token or a wrong one (unauthorized), or from a blocked address",
                "reason");
        refused.labelValues("unauthorized");
        refused.labelValues("blocked");
    }

    void answered(int status, long nanos) {
        calls.labelValues(Integer.toString(status)).inc();
        duration.observe(nanos / 1e9);
    }

    void refused(String reason) {
        refused.labelValues(reason).inc();
    }

    @Override
    public void close() {
        group.close();
    }
}
