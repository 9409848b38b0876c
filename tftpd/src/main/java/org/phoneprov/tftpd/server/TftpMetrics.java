package org.phoneprov.tftpd.server;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.IntSupplier;
import org.phoneprov.common.metrics.MetricGroup;
import org.phoneprov.tftpd.codec.TftpDropCounters;
import org.phoneprov.tftpd.transfer.ReadTransfer;

/**
 * tftpd's metrics, {@code phoneprov_tftp_*}: transfers by how they ended, the bytes and
 * retransmissions they cost, how long they took, the ERRORs port 69 answered by
 * {@link Refusal}, malformed packets by the codec's reason (the {@code tftpd.drop} words,
 * in lower case) and the transfers running now. Labelled data points are resolved here,
 * once.
 */
final class TftpMetrics implements AutoCloseable {
    /** A config file takes milliseconds on a LAN; firmware over a slow link with retransmissions, minutes. */
    static final double[] TRANSFER_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120,
            300};
    static final String OK = "ok";
    /** Ended while running: its channel closed or never opened, so the state machine never finished. */
    static final String ABANDONED = "abandoned";

    private final MetricGroup group;
    private final CounterDataPoint ok;
    private final CounterDataPoint abandoned;
    private final CounterDataPoint[] failed = new CounterDataPoint[ReadTransfer.Failure.values().length];
    private final CounterDataPoint[] refused = new CounterDataPoint[Refusal.values().length];
    private final CounterDataPoint bytes;
    private final CounterDataPoint retransmissions;
    private final DistributionDataPoint duration;

    /**
     * @param malformed the decoder's counts
     * @param running   transfers holding a slot now
     */
    TftpMetrics(PrometheusRegistry registry, TftpDropCounters malformed, IntSupplier running) {
        group = new MetricGroup(registry);
        Counter transfers = group.counter("phoneprov_tftp_transfers_total",
                "Read transfers ended, by result: ok, or why they failed (the ReadTransfer failure)", "result");
        ok = transfers.labelValues(OK);
        abandoned = transfers.labelValues(ABANDONED);
        for (ReadTransfer.Failure f : ReadTransfer.Failure.values()) {
            failed[f.ordinal()] = transfers.labelValues(MetricGroup.labelValue(f));
        }
        Counter refusals = group.counter("phoneprov_tftp_refusals_total",
                "Requests on port 69 answered with an ERROR instead of a transfer, by reason", "reason");
        for (Refusal r : Refusal.values()) {
            refused[r.ordinal()] = refusals.labelValues(MetricGroup.labelValue(r));
        }
        bytes = group.counter("phoneprov_tftp_sent_bytes_total",
                "File bytes sent in DATA blocks, each block counted once (retransmissions apart)");
        retransmissions = group.counter("phoneprov_tftp_retransmissions_total",
                "DATA blocks and OACKs sent again after a timeout or a window restart");
        duration = group.histogram("phoneprov_tftp_transfer_duration_seconds",
                "From the RRQ to the transfer's end, whatever the result", TRANSFER_SECONDS);
        group.reasons("phoneprov_tftp_malformed_packets_total",
                "Packets the codec refused, by reason; a malformed request is answered with an ERROR", "reason",
                List.of(malformed));
        group.gaugeReading("phoneprov_tftp_transfers_active", "Transfers running now",
                cb -> cb.call(running.getAsInt()));
    }

    void refused(Refusal why) {
        refused[why.ordinal()].inc();
    }

    /** A transfer has ended, however, {@code nanos} after its RRQ arrived. */
    void ended(ReadTransfer t, long nanos) {
        if (t.state() == ReadTransfer.State.DONE) {
            ok.inc();
        } else {
            t.failureReason().map(f -> failed[f.ordinal()]).orElse(abandoned).inc();
        }
        bytes.inc(t.bytesSent());
        retransmissions.inc(t.retransmissions());
        duration.observe(nanos * 1e-9);
    }

    @Override
    public void close() {
        group.close();
    }
}
