package org.phoneprov.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.cli.Loaded;
import org.phoneprov.cli.Main;
import org.phoneprov.cli.run.SuiteRuntime;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.testsupport.Scrape;
import picocli.CommandLine;

/**
 * End to end without root, as {@code demo --loopback} runs it: the suite on 127.0.0.1 with
 * the demo's config, and {@code simulate --relay} with 50 phones at once. Each phone must
 * send from its own leased 127.77.1.x address: with one source address for all, tftpd's
 * default {@code max_per_client} (8 transfers at once) would refuse most of them, and
 * httpd's lease binding (switched on here) would refuse every phone's own files.
 */
class RelayedPhonesTest {
    private static final int PHONES = 50;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fiftyRelayedPhonesProvisionEachFromItsOwnLeasedAddress() throws Exception {
        DemoConfig.Ports ports = DemoConfig.freePorts();
        Path config = loopbackConfig(dir, ports);
        String yaml = Files.readString(config);
        assertFalse(yaml.contains("max_per_client"), "tftpd keeps its default limit per address");
        // A phone's own files go only to the address dhcpd leased it: the strictest check of "its own address".
        Files.writeString(config, yaml.replaceFirst("httpd: \\{enabled: true,",
                "httpd: {access: {lease_binding: true}, enabled: true,"));
        Loaded.Ok ok = (Loaded.Ok) Loaded.load(config, Optional.empty());

        Run sim;
        Scrape metrics;
        try (SuiteRuntime suite = new SuiteRuntime(config, Set.of())) {
            suite.start(ok.snapshot());
            sim = cli("simulate", "--config", config.toString(), "--phones", Integer.toString(PHONES),
                    "--relay", DemoNetwork.LOOPBACK_RELAY, "--tftp-port", Integer.toString(ports.tftp()),
                    "--state", dir.resolve("phones").toString(), "--retry-delay", "1", "--html",
                    dir.resolve("report.html").toString());
            metrics = Scrape.of(suite.metrics());
        }
        assertEquals(0, sim.code(), sim.out() + sim.err());
        String html = java.nio.file.Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<polyline") && html.contains("50 of 50 provisioned"), "the HTML report, with its plot");
        assertTrue(sim.out().contains("provisioned:  50 of 50"), sim.out());
        assertTrue(sim.out().contains("addresses:    50 phones, each from its leased address"), sim.out());

        // The event log (written by the suite, closed above) names 50 client addresses, and
        // every phone's HTTP and TFTP requests come from the address dhcpd acknowledged to it.
        List<Event> events = EventLog.read(ok.config().paths().state(), Optional.empty(), 100_000);
        Map<Mac, String> acked = new HashMap<>();
        Set<InetAddress> clients = new HashSet<>();
        for (Event e : events) {
            if (e.daemon().equals("dhcpd") && e.result().equals("ACK")) {
                acked.put(e.device().orElseThrow(), e.file());
            }
        }
        assertEquals(PHONES, acked.size(), "every phone leased an address");
        for (Event e : events) {
            if (e.daemon().equals("httpd") || e.daemon().equals("tftpd")) {
                InetAddress from = e.client().orElseThrow().getAddress();
                clients.add(from);
                assertTrue(acked.containsValue(from.getHostAddress()), "from a leased address: " + e);
                // Where the event names the device (not for a 404 of a file no one owns), it is the one leased there.
                e.device().ifPresent(mac -> assertEquals(acked.get(mac), from.getHostAddress(),
                        mac + " fetched from its lease: " + e));
                assertFalse(e.result().equals("403") || e.result().contains("busy"), e.toString());
            }
        }
        assertEquals(PHONES, clients.size(), "one client address per phone: " + clients);
        assertTrue(clients.stream().allMatch(a -> a.getHostAddress().startsWith("127.77.1.")), clients.toString());

        // What GET /metrics would have said before the suite stopped: the leases are read from
        // the allocator on dhcpd's event loop; each phone's OFFER->ACK was timed once at least.
        metrics.assertWellFormed();
        assertEquals(PHONES, metrics.sum("phoneprov_dhcp_leases_active"), metrics.text());
        assertTrue(metrics.sum("phoneprov_dhcp_pool_free_addresses") > 0);
        assertTrue(metrics.value("phoneprov_dhcp_packets_sent_total{type=\"ack\"}") >= PHONES);
        assertTrue(metrics.value("phoneprov_dhcp_offer_to_ack_seconds_count") >= PHONES);
        assertTrue(metrics.value("phoneprov_http_requests_total{code=\"200\"}") >= PHONES);
        assertTrue(metrics.value("phoneprov_tftp_transfers_total{result=\"ok\"}") > 0);
        assertEquals(0, metrics.value("phoneprov_http_requests_total{code=\"403\"}"));
    }

    /** The demo's config as {@code demo --loopback} writes it. */
    static Path loopbackConfig(Path dir, DemoConfig.Ports ports) throws Exception {
        try (DemoNetwork loopback = DemoNetwork.create(true)) {
            return DemoConfig.write(dir, loopback, ports);
        }
    }

    record Run(int code, String out, String err) {
    }

    /** The CLI in this JVM, its output captured. */
    static Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Main()).execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
