package org.phoneprov.dhcpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.dhcpd.codec.Malformation;
import org.phoneprov.dhcpd.lease.Stats;
import org.phoneprov.testsupport.Scrape;

/** dhcpd's metrics as a scrape reads them: names, labels, types and counts. */
class DhcpMetricsTest {
    private final SuiteMetrics suite = new SuiteMetrics();
    private final DhcpMetrics metrics = new DhcpMetrics(suite.registry());

    @Test
    void packetsAreCountedByMessageTypeUnknownTypesAsOther() {
        metrics.received(MessageType.DISCOVER);
        metrics.received(MessageType.DISCOVER);
        metrics.received(MessageType.valueOf(13)); // LEASEQUERY
        metrics.sent(MessageType.OFFER);
        metrics.sent(MessageType.NAK);
        metrics.sent(MessageType.DISCOVER); // never sent by a server: not a series

        Scrape s = Scrape.of(suite);
        assertEquals("counter", s.type("phoneprov_dhcp_packets_received_total"));
        assertEquals(2, s.value("phoneprov_dhcp_packets_received_total{type=\"discover\"}"));
        assertEquals(1, s.value("phoneprov_dhcp_packets_received_total{type=\"other\"}"));
        assertEquals(0, s.value("phoneprov_dhcp_packets_received_total{type=\"inform\"}"), "known types start at 0");
        assertEquals(1, s.value("phoneprov_dhcp_packets_sent_total{type=\"offer\"}"));
        assertEquals(1, s.value("phoneprov_dhcp_packets_sent_total{type=\"nak\"}"));
        assertEquals(0, s.value("phoneprov_dhcp_packets_sent_total{type=\"ack\"}"));
        assertFalse(s.has("phoneprov_dhcp_packets_sent_total{type=\"discover\"}"));
    }

    @Test
    void dropsCarryTheCodecsAndTheServersReasonsAllOfThemFromZero() {
        metrics.malformed().increment(Malformation.NO_MAGIC_COOKIE);
        metrics.silent(Silence.POOL_EXHAUSTED);
        metrics.silent(Silence.RATE_LIMITED);
        metrics.silent(Silence.RATE_LIMITED);

        Scrape s = Scrape.of(suite);
        assertEquals("counter", s.type("phoneprov_dhcp_drops_total"));
        assertEquals(1, s.value("phoneprov_dhcp_drops_total{reason=\"no_magic_cookie\"}"));
        assertEquals(1, s.value("phoneprov_dhcp_drops_total{reason=\"pool_exhausted\"}"));
        assertEquals(2, s.value("phoneprov_dhcp_drops_total{reason=\"rate_limited\"}"));
        s.assertEveryValue("phoneprov_dhcp_drops_total", "reason", Malformation.values());
        s.assertEveryValue("phoneprov_dhcp_drops_total", "reason", Silence.values());
        assertEquals(2, metrics.silenced(Silence.RATE_LIMITED), "the stop line reads the same count");
    }

    @Test
    void offerToAckIsAHistogramInSecondsWithMillisecondBuckets() {
        metrics.offerToAck(3_000_000); // 3 ms
        metrics.offerToAck(1_500_000_000); // 1.5 s

        Scrape s = Scrape.of(suite);
        assertEquals("histogram", s.type("phoneprov_dhcp_offer_to_ack_seconds"));
        assertEquals(0, s.value("phoneprov_dhcp_offer_to_ack_seconds_bucket{le=\"0.001\"}"));
        assertEquals(1, s.value("phoneprov_dhcp_offer_to_ack_seconds_bucket{le=\"0.005\"}"));
        assertEquals(1, s.value("phoneprov_dhcp_offer_to_ack_seconds_bucket{le=\"1.0\"}"));
        assertEquals(2, s.value("phoneprov_dhcp_offer_to_ack_seconds_bucket{le=\"2.5\"}"));
        assertEquals(2, s.value("phoneprov_dhcp_offer_to_ack_seconds_count"));
        assertEquals(1.503, s.value("phoneprov_dhcp_offer_to_ack_seconds_sum"), 1e-9);
    }

    @Test
    void poolsAreReadAtScrapeTimePerSubnet() {
        Scrape before = Scrape.of(suite);
        assertFalse(before.text().contains("phoneprov_dhcp_leases_active{"), "nothing before dhcpd started");
        assertTrue(before.names().contains("phoneprov_dhcp_leases_active"), "but the metric is registered");

        metrics.leases(() -> new Stats(List.of(new Stats.Subnet("10.77.0.0/24", 200, 12, 3, 1, 184),
                new Stats.Subnet("10.78.0.0/24", 50, 0, 0, 0, 50))));
        Scrape s = Scrape.of(suite);
        assertEquals("gauge", s.type("phoneprov_dhcp_leases_active"));
        assertEquals(12, s.value("phoneprov_dhcp_leases_active{subnet=\"10.77.0.0/24\"}"));
        assertEquals(3, s.value("phoneprov_dhcp_leases_offered{subnet=\"10.77.0.0/24\"}"));
        assertEquals(1, s.value("phoneprov_dhcp_leases_declined{subnet=\"10.77.0.0/24\"}"));
        assertEquals(184, s.value("phoneprov_dhcp_pool_free_addresses{subnet=\"10.77.0.0/24\"}"));
        assertEquals(200, s.value("phoneprov_dhcp_pool_size_addresses{subnet=\"10.77.0.0/24\"}"));
        assertEquals(50, s.value("phoneprov_dhcp_pool_free_addresses{subnet=\"10.78.0.0/24\"}"));
    }

    @Test
    void namesFollowThePrometheusConventions() {
        Scrape s = Scrape.of(suite);
        s.assertWellFormed();
        s.assertNamed("phoneprov_dhcp_");
        assertTrue(s.text().contains("# TYPE phoneprov_dhcp_commit_failures_total counter"));
        assertTrue(s.text().contains("# TYPE phoneprov_dhcp_offer_to_ack_seconds histogram"));
    }

    @Test
    void closingUnregistersSoTheDaemonCanBeMadeAgain() {
        metrics.received(MessageType.DISCOVER);
        metrics.close();
        assertEquals(List.of(), List.copyOf(Scrape.of(suite).names()));
        DhcpMetrics again = new DhcpMetrics(suite.registry());
        again.received(MessageType.REQUEST);
        Scrape s = Scrape.of(suite);
        assertEquals(0, s.value("phoneprov_dhcp_packets_received_total{type=\"discover\"}"));
        assertEquals(1, s.value("phoneprov_dhcp_packets_received_total{type=\"request\"}"));
    }
}
