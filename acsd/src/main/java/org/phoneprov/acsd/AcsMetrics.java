package org.phoneprov.acsd;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.phoneprov.common.metrics.MetricGroup;

/**
 * The ACS's metrics, {@code phoneprov_acs_*}: sessions by how they ended, RPCs by method and
 * outcome, and how long sessions last. Method labels come from the RPCs acsd knows, never
 * from what a CPE sent.
 */
final class AcsMetrics implements AutoCloseable {
    static final double[] SESSION_SECONDS = {0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300};
    private final MetricGroup group;
    private final Counter sessions;
    private final Counter rpcs;
    private final Histogram duration;

    AcsMetrics(PrometheusRegistry registry) {
        this.group = new MetricGroup(registry);
        this.sessions = group.counter("phoneprov_acs_sessions_total", "CWMP sessions by how they ended: completed"
                + " (204), dropped (the connection closed mid-session), refused (authentication), faulted (closed"
                + " after ACS faults)", "result");
        this.rpcs = group.counter("phoneprov_acs_rpcs_total", "RPCs by method and result: sent, ok, fault, dropped"
                + " (back in the queue), failed; Inform and TransferComplete as the CPE's", "method", "result");
        this.duration = group.histogram("phoneprov_acs_session_duration_seconds",
                "From a session's Inform to its 204 or its connection's end", SESSION_SECONDS);
        for (String r : new String[] {"completed", "dropped", "refused", "faulted"}) {
            sessions.labelValues(r);
        }
    }

    void session(String result, double seconds) {
        sessions.labelValues(result).inc();
        if (seconds >= 0) {
            duration.observe(seconds);
        }
    }

    void rpc(String method, String result) {
        rpcs.labelValues(method, result).inc();
    }

    @Override
    public void close() {
        group.close();
    }
}
