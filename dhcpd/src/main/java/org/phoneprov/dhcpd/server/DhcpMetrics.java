package org.phoneprov.dhcpd.server;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.log.ReasonCounters;
import org.phoneprov.common.metrics.MetricGroup;
import org.phoneprov.dhcpd.codec.DropCounters;
import org.phoneprov.dhcpd.lease.Stats;

/**
 * dhcpd's metrics, {@code phoneprov_dhcp_*}: packets by message type, drops by reason (the
 * codec's {@link org.phoneprov.dhcpd.codec.Malformation}s and the handler's
 * {@link Silence}s, the same words as the {@code dhcpd.drop} and {@code dhcpd.silent} log
 * lines, in lower case), commit failures, the OFFER→ACK latency, and each subnet's pool
 * as the allocator holds it at scrape time. Every labelled data point is resolved here,
 * once; a packet only increments.
 */
final class DhcpMetrics implements AutoCloseable {
    /** A LAN client answers in milliseconds; a phone that waits out other offers, in seconds (RFC 2131 4.4.1). */
    static final double[] OFFER_TO_ACK_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10, 30};
    static final String OTHER = "other";

    /** Drops that are not the codec's: the handler's silences, counted the same way. */
    static final class SilenceCounters extends ReasonCounters<Silence> {
        SilenceCounters() {
            super(Silence.class);
        }
    }

    private final MetricGroup group;
    private final DropCounters malformed = new DropCounters();
    private final SilenceCounters silences = new SilenceCounters();
    /** By option 53 code, 1..8; index 0 is every other code. */
    private final CounterDataPoint[] received = new CounterDataPoint[9];
    private final CounterDataPoint[] sent = new CounterDataPoint[9];
    private final CounterDataPoint commitFailures;
    private final DistributionDataPoint offerToAck;
    /** The allocator's state, asked at scrape time; nothing before dhcpd has started. */
    private volatile Supplier<Stats> leases = () -> new Stats(List.of());
    /** The HA node while one runs (dhcpd.ha): its state and lease-update counts. */
    private volatile java.util.Optional<org.phoneprov.dhcpd.ha.HaNode> ha = java.util.Optional.empty();

    DhcpMetrics(PrometheusRegistry registry) {
        group = new MetricGroup(registry);
        Counter in = group.counter("phoneprov_dhcp_packets_received_total",
                "DHCP requests decoded, by message type (option 53); malformed ones are drops", "type");
        Counter out = group.counter("phoneprov_dhcp_packets_sent_total",
                "DHCP replies written, by message type", "type");
        received[0] = in.labelValues(OTHER);
        for (int code = 1; code <= 8; code++) {
            MessageType t = MessageType.valueOf(code);
            received[code] = in.labelValues(label(t));
            if (t.equals(MessageType.OFFER) || t.equals(MessageType.ACK) || t.equals(MessageType.NAK)) {
                sent[code] = out.labelValues(label(t));
            }
        }
        group.reasons("phoneprov_dhcp_drops_total",
                "DHCP packets not answered, by reason: malformed (the codec's reasons) or ignored (the server's)",
                "reason", List.of(malformed, silences));
        commitFailures = group.counter("phoneprov_dhcp_commit_failures_total",
                "Leases the store failed to commit; their ACK was never sent");
        offerToAck = group.histogram("phoneprov_dhcp_offer_to_ack_seconds",
                "From an OFFER written to the ACK of the client's SELECTING REQUEST written", OFFER_TO_ACK_SECONDS);
        pool("phoneprov_dhcp_leases_active", "Unexpired leases per subnet, fixed addresses included",
                Stats.Subnet::active);
        pool("phoneprov_dhcp_leases_offered", "Addresses held for an OFFER per subnet", Stats.Subnet::offered);
        pool("phoneprov_dhcp_leases_declined", "Addresses set aside after a DHCPDECLINE per subnet",
                Stats.Subnet::declined);
        pool("phoneprov_dhcp_pool_free_addresses", "Pool addresses that can be offered now, per subnet",
                Stats.Subnet::free);
        pool("phoneprov_dhcp_pool_size_addresses", "Dynamic addresses in the pools of each subnet",
                Stats.Subnet::size);
        group.gaugeReading("phoneprov_dhcp_ha_state", "dhcpd.ha: 1 for this node's HA state (Kea's names), 0 for"
                + " the others; no samples without dhcpd.ha", (GaugeWithCallback.Callback cb) -> ha.ifPresent(n -> {
                    for (org.phoneprov.dhcpd.ha.HaState st : org.phoneprov.dhcpd.ha.HaState.values()) {
                        cb.call(n.state() == st ? 1 : 0, st.word());
                    }
                }), "state");
        group.counterReading("phoneprov_dhcp_ha_lease_updates_total", "dhcpd.ha: lease updates, by what happened:"
                + " sent (and answered), failed (no answer), received from the partner, conflict (refused by it)",
                (CounterWithCallback.Callback cb) -> ha.ifPresent(n -> {
                    org.phoneprov.dhcpd.ha.HaNode.Counts c = n.counts();
                    cb.call(c.sent(), "sent");
                    cb.call(c.failed(), "failed");
                    cb.call(c.received(), "received");
                    cb.call(c.conflicts(), "conflict");
                }), "result");
    }

    /** Where the HA gauges read from, while an HA node runs. */
    void ha(java.util.Optional<org.phoneprov.dhcpd.ha.HaNode> node) {
        this.ha = node;
    }

    private void pool(String name, String help, ToDoubleFunction<Stats.Subnet> value) {
        group.gaugeReading(name, help, (GaugeWithCallback.Callback cb) -> {
            for (Stats.Subnet s : leases.get().subnets()) {
                cb.call(value.applyAsDouble(s), s.id());
            }
        }, "subnet");
    }

    private static String label(MessageType t) {
        return t.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The counts the decoder adds to: the malformed share of {@code drops_total}. */
    DropCounters malformed() {
        return malformed;
    }

    /** Where the lease gauges read from: the allocator's stats, on its own thread. */
    void leases(Supplier<Stats> stats) {
        this.leases = stats;
    }

    void received(MessageType type) {
        int code = type.code();
        received[code >= 1 && code <= 8 ? code : 0].inc();
    }

    void sent(MessageType type) {
        int code = type.code();
        CounterDataPoint p = code >= 1 && code <= 8 ? sent[code] : null;
        if (p != null) {
            p.inc();
        }
    }

    void silent(Silence why) {
        silences.increment(why);
    }

    long silenced(Silence why) {
        return silences.count(why);
    }

    void commitFailed() {
        commitFailures.inc();
    }

    long commitFailures() {
        return commitFailures.getLongValue();
    }

    void offerToAck(long nanos) {
        offerToAck.observe(nanos * 1e-9);
    }

    @Override
    public void close() {
        group.close();
    }
}
