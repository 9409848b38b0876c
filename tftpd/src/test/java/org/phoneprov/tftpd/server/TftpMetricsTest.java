package org.phoneprov.tftpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.tftpd.codec.Malformation;
import org.phoneprov.tftpd.codec.TftpDropCounters;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.transfer.Limits;
import org.phoneprov.tftpd.transfer.Negotiated;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.phoneprov.testsupport.Scrape;

/** tftpd's metrics as a scrape reads them: names, labels, types and counts. */
class TftpMetricsTest {
    private static final long MS = 1_000_000L;
    private final SuiteMetrics suite = new SuiteMetrics();
    private final TftpDropCounters drops = new TftpDropCounters();
    private final AtomicInteger running = new AtomicInteger();
    private final TftpMetrics metrics = new TftpMetrics(suite.registry(), drops, running::get);

    /** 1000 bytes in 512-byte blocks, 1 s timeout, one retry before giving up on a silent peer. */
    private static ReadTransfer transfer() {
        ReadTransfer t = new ReadTransfer(new byte[1000], 0, 1000, new Negotiated(512, 1000, 1, false, Map.of()),
                new Limits(65464, 1000, 1, 64, 1), 0);
        t.start(0);
        return t;
    }

    @Test
    void endedTransfersAreCountedByResultWithTheirBytesAndRetransmissions() {
        ReadTransfer done = transfer();
        done.onTimeout(1000 * MS); // block 1 again
        done.onAck(1, 1100 * MS);
        done.onAck(2, 1200 * MS);
        metrics.ended(done, 1200 * MS);
        ReadTransfer refused = transfer();
        refused.onError(ErrorCode.OPTION_REFUSED);
        metrics.ended(refused, 5 * MS);
        metrics.ended(transfer(), MS); // its channel closed under it

        Scrape s = Scrape.of(suite);
        assertEquals("counter", s.type("phoneprov_tftp_transfers_total"));
        assertEquals(1, s.value("phoneprov_tftp_transfers_total{result=\"ok\"}"));
        assertEquals(1, s.value("phoneprov_tftp_transfers_total{result=\"client_error\"}"));
        assertEquals(1, s.value("phoneprov_tftp_transfers_total{result=\"abandoned\"}"));
        assertEquals(0, s.value("phoneprov_tftp_transfers_total{result=\"timeout\"}"));
        assertEquals(0, s.value("phoneprov_tftp_transfers_total{result=\"no_answer\"}"));
        assertEquals(1000 + 512 + 512, s.value("phoneprov_tftp_sent_bytes_total"), "first sends only");
        assertEquals(1, s.value("phoneprov_tftp_retransmissions_total"));
        assertEquals("histogram", s.type("phoneprov_tftp_transfer_duration_seconds"));
        assertEquals(3, s.value("phoneprov_tftp_transfer_duration_seconds_count"));
        assertEquals(2, s.value("phoneprov_tftp_transfer_duration_seconds_bucket{le=\"0.005\"}"));
        assertEquals(1.206, s.value("phoneprov_tftp_transfer_duration_seconds_sum"), 1e-9);
    }

    @Test
    void refusalsMalformedPacketsAndRunningTransfers() {
        metrics.refused(Refusal.NOT_FOUND);
        metrics.refused(Refusal.NOT_FOUND);
        metrics.refused(Refusal.SERVER_FULL);
        drops.increment(Malformation.BAD_MODE);
        running.set(7);

        Scrape s = Scrape.of(suite);
        assertEquals(2, s.value("phoneprov_tftp_refusals_total{reason=\"not_found\"}"));
        assertEquals(1, s.value("phoneprov_tftp_refusals_total{reason=\"server_full\"}"));
        s.assertEveryValue("phoneprov_tftp_refusals_total", "reason", Refusal.values());
        assertEquals(1, s.value("phoneprov_tftp_malformed_packets_total{reason=\"bad_mode\"}"));
        assertEquals(0, s.value("phoneprov_tftp_malformed_packets_total{reason=\"too_short\"}"));
        assertEquals("gauge", s.type("phoneprov_tftp_transfers_active"));
        assertEquals(7, s.value("phoneprov_tftp_transfers_active"));
    }

    @Test
    void namesFollowThePrometheusConventions() {
        Scrape s = Scrape.of(suite);
        s.assertWellFormed();
        s.assertNamed("phoneprov_tftp_");
        assertTrue(s.text().contains("# TYPE phoneprov_tftp_sent_bytes_total counter"), s.text());
        metrics.close();
        assertEquals("", Scrape.of(suite).text());
    }
}
