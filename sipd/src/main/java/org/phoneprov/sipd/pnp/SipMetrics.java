package org.phoneprov.sipd.pnp;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.ToLongFunction;
import org.phoneprov.common.metrics.MetricGroup;

/**
 * sipd's metrics, {@code phoneprov_sip_*}, read at scrape time from the {@link PnpCounters}
 * the responder keeps anyway (they also make the stop line): plug-and-play answers,
 * refusals and silences by reason, datagrams dropped by reason (the {@code sipd.pnp_silence}
 * and {@code sipd.drop} words, in lower case), and the NOTIFYs the answers sent, by how their
 * transaction ended. Nothing is added to the packet path.
 */
public final class SipMetrics implements AutoCloseable {
    private final MetricGroup group;

    public SipMetrics(PrometheusRegistry registry, PnpCounters counters) {
        group = new MetricGroup(registry);
        count("phoneprov_sip_pnp_answers_total", "Plug-and-play SUBSCRIBEs answered with a 200 and a NOTIFY",
                counters, PnpCounters::answered);
        count("phoneprov_sip_pnp_refusals_total", "Requests on the unicast socket answered with an error (405, 489)",
                counters, PnpCounters::refused);
        group.reasons("phoneprov_sip_pnp_silences_total", "Requests left unanswered, by reason", "reason",
                List.of(counters.silences()));
        group.reasons("phoneprov_sip_drops_total", "Datagrams that were no usable SIP message, by reason", "reason",
                List.of(counters.drops()));
        group.counterReading("phoneprov_sip_pnp_notifies_total",
                "Plug-and-play NOTIFYs whose transaction ended, by result: accepted (2xx), rejected (3xx-6xx) or"
                        + " timeout (Timer F, no final response)", cb -> {
                    cb.call(counters.notifyAccepted(), "accepted");
                    cb.call(counters.notifyRejected(), "rejected");
                    cb.call(counters.notifyTimeouts(), "timeout");
                }, "result");
        count("phoneprov_sip_pnp_notify_retransmissions_total", "NOTIFYs sent again on Timer E (RFC 3261 17.1.2.2)",
                counters, PnpCounters::notifyRetransmissions);
        count("phoneprov_sip_pnp_notifies_untracked_total",
                "NOTIFYs sent once, without retransmission, because the pending table was full", counters,
                PnpCounters::notifyUntracked);
        count("phoneprov_sip_responses_received_total", "Responses received from phones, retransmissions included",
                counters, PnpCounters::responses);
        count("phoneprov_sip_pnp_failures_total", "Requests whose handling failed unexpectedly (a bug, logged)",
                counters, PnpCounters::failed);
    }

    private void count(String name, String help, PnpCounters counters, ToLongFunction<PnpCounters> read) {
        group.counterReading(name, help, cb -> cb.call(read.applyAsLong(counters)));
    }

    /** Unregisters them (the server stops). */
    @Override
    public void close() {
        group.close();
    }
}
