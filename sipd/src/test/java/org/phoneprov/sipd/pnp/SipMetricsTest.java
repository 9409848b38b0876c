package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.sipd.message.SipDrop;
import org.phoneprov.testsupport.Scrape;

/** sipd's metrics as a scrape reads them: the responder's own counts, by their names and labels. */
class SipMetricsTest {
    private final SuiteMetrics suite = new SuiteMetrics();
    private final PnpCounters counters = new PnpCounters();
    private final SipMetrics metrics = new SipMetrics(suite.registry(), counters);

    @Test
    void answersRefusalsAndFailuresAreCounters() {
        counters.countAnswered();
        counters.countAnswered();
        counters.countRefused();
        counters.countResponse();
        counters.countFailure();
        Scrape s = Scrape.of(suite);
        assertEquals("counter", s.type("phoneprov_sip_pnp_answers_total"));
        assertEquals(2, s.value("phoneprov_sip_pnp_answers_total"));
        assertEquals(1, s.value("phoneprov_sip_pnp_refusals_total"));
        assertEquals(1, s.value("phoneprov_sip_responses_received_total"));
        assertEquals(1, s.value("phoneprov_sip_pnp_failures_total"));
    }

    @Test
    void silencesAndDropsCarryTheirReasonsAllOfThemFromZero() {
        counters.silences().increment(PnpSilence.NO_RULE);
        counters.silences().increment(PnpSilence.NO_RULE);
        counters.drops().increment(SipDrop.NOT_SIP);
        Scrape s = Scrape.of(suite);
        assertEquals(2, s.value("phoneprov_sip_pnp_silences_total{reason=\"no_rule\"}"));
        assertEquals(1, s.value("phoneprov_sip_drops_total{reason=\"not_sip\"}"));
        s.assertEveryValue("phoneprov_sip_pnp_silences_total", "reason", PnpSilence.values());
        s.assertEveryValue("phoneprov_sip_drops_total", "reason", SipDrop.values());
    }

    @Test
    void notifiesAreCountedByHowTheirTransactionEnded() {
        counters.countNotifyAnswer(200);
        counters.countNotifyAnswer(202);
        counters.countNotifyAnswer(481);
        counters.countTimeouts(3);
        counters.countRetransmissions(7);
        counters.countUntracked();
        Scrape s = Scrape.of(suite);
        assertEquals(2, s.value("phoneprov_sip_pnp_notifies_total{result=\"accepted\"}"));
        assertEquals(1, s.value("phoneprov_sip_pnp_notifies_total{result=\"rejected\"}"));
        assertEquals(3, s.value("phoneprov_sip_pnp_notifies_total{result=\"timeout\"}"));
        assertEquals(7, s.value("phoneprov_sip_pnp_notify_retransmissions_total"));
        assertEquals(1, s.value("phoneprov_sip_pnp_notifies_untracked_total"));
    }

    @Test
    void namesFollowThePrometheusConventions() {
        Scrape s = Scrape.of(suite);
        s.assertWellFormed();
        s.assertNamed("phoneprov_sip_");
        metrics.close();
        assertEquals("", Scrape.of(suite).text());
    }
}
