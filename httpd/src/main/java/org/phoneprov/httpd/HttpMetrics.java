package org.phoneprov.httpd;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.phoneprov.common.metrics.MetricGroup;
import org.phoneprov.common.metrics.ThreadCounts;

/**
 * httpd's metrics, {@code phoneprov_http_*}: responses by status code, body bytes, the time
 * from a request head to its response written, responses whose write failed, and, read at
 * scrape time, the open connections and what the connection limits cut off (the
 * {@code httpd.stopped} counts).
 *
 * <p>{@link #responded} runs once per request on every worker at once, so it writes only
 * the worker's own {@link ThreadCounts} slots (about 12 ns a response on one worker, 20 ns
 * on each of two at once), and the scrape sums them; no label lookup, no string, no lock, no shared write. The
 * statuses this server sends are always listed, zeros too, so a rate over them exists from
 * the first scrape; another code appears once it has been sent.
 */
final class HttpMetrics implements AutoCloseable {
    /** A cached file on a LAN is answered in tens of microseconds; a slow phone pulling firmware takes seconds. */
    static final double[] DURATION_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
            0.25, 0.5, 1, 2.5, 5, 10, 30};
    /** Every status Responses, FileResponder and the Gigaset endpoints write. */
    static final int[] SENT = {200, 206, 302, 304, 400, 401, 403, 404, 405, 412, 413, 414, 416, 429, 431, 500, 503,
            505};
    private static final int FIRST = 100;
    private static final int LAST = 599;
    // The slots of each worker: one per status code, then the rest.
    private static final int OTHER = LAST - FIRST + 1;
    private static final int BYTES = OTHER + 1;
    private static final int ABORTED = BYTES + 1;
    private static final int SUM_NANOS = ABORTED + 1;
    /** One per bucket, the last +Inf. */
    private static final int BUCKETS = SUM_NANOS + 1;
    private static final long[] BOUND_NANOS = new long[DURATION_SECONDS.length];

    static {
        for (int i = 0; i < BOUND_NANOS.length; i++) {
            BOUND_NANOS[i] = Math.round(DURATION_SECONDS[i] * 1e9);
        }
    }

    private final MetricGroup group;
    private final ThreadCounts counts = new ThreadCounts(BUCKETS + BOUND_NANOS.length + 1);

    HttpMetrics(PrometheusRegistry registry, Connections connections, LimitLog limits) {
        group = new MetricGroup(registry);
        group.counterReading("phoneprov_http_requests_total",
                "Requests answered, by the response's status code (aborted writes included)", cb -> {
                    for (int code = FIRST; code <= LAST; code++) {
                        long n = counts.sum(code - FIRST);
                        if (n > 0 || sent(code)) {
                            cb.call(n, Integer.toString(code));
                        }
                    }
                    long other = counts.sum(OTHER);
                    if (other > 0) {
                        cb.call(other, "other");
                    }
                }, "code");
        group.counterReading("phoneprov_http_sent_bytes_total",
                "Response body bytes written (HEAD and aborted responses count none)", cb -> cb.call(counts.sum(BYTES)));
        group.counterReading("phoneprov_http_responses_aborted_total",
                "Responses whose write failed: the client closed or reset the connection first",
                cb -> cb.call(counts.sum(ABORTED)));
        group.histogramReading("phoneprov_http_request_duration_seconds",
                "From a request head decoded to the last byte of its response written", DURATION_SECONDS,
                this::buckets, () -> counts.sum(SUM_NANOS) * 1e-9);
        group.gaugeReading("phoneprov_http_connections_open", "Connections open now, HTTP and HTTPS",
                cb -> cb.call(connections.size()));
        group.reasons("phoneprov_http_connections_cut_total",
                "Connections the limits refused or closed, by reason (httpd.limits)", "reason",
                List.of(limits.counters()));
    }

    /**
     * One response is done: written, or its write failed ({@code ok} false). Called on the
     * connection's event loop.
     *
     * @param nanos from the request head to the write's completion
     */
    void responded(int status, long bodyBytes, long nanos, boolean ok) {
        long[] mine = counts.mine();
        ThreadCounts.add(mine, status >= FIRST && status <= LAST ? status - FIRST : OTHER, 1);
        if (!ok) {
            ThreadCounts.add(mine, ABORTED, 1);
        } else if (bodyBytes > 0) {
            ThreadCounts.add(mine, BYTES, bodyBytes);
        }
        int b = 0;
        while (b < BOUND_NANOS.length && nanos > BOUND_NANOS[b]) {
            b++;
        }
        ThreadCounts.add(mine, BUCKETS + b, 1);
        ThreadCounts.add(mine, SUM_NANOS, nanos);
    }

    private long[] buckets() {
        long[] out = new long[BOUND_NANOS.length + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.sum(BUCKETS + i);
        }
        return out;
    }

    private static boolean sent(int code) {
        for (int s : SENT) {
            if (s == code) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        group.close();
    }
}
