package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventLog;

/**
 * {@code simulate --relay} against the lab suite, whose leases (10.77.x.y) are addresses
 * of no host here. On the suite's own host each phone stands in at 127.b.c.d for its lease
 * a.b.c.d, so tftpd (max_per_client 8) and httpd see 50 phones, not one; from another host,
 * where a 127.x source cannot reach the suite, the phones share that host's address and
 * the report says so, and says why phones failed when tftpd turned them away.
 */
class RelayLabIT {
    static final int PHONES = 50;
    static LabNet net;
    static Path work;
    static Path config;
    static PhoneprovProcess server;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "java");
        work = Files.createTempDirectory("phoneprov-relaylab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        config = work.resolve("phoneprov.yaml");
        String yaml = Files.readString(config);
        String dhcpOnLab0 = "  interface: lab0                  # the lab LAN: broadcasts are answered here\n";
        assertTrue(yaml.contains(dhcpOnLab0), "the lab's dhcpd section");
        // Relayed requests are unicast to dhcpd's address; on the suite's host they arrive on lo, not lab0.
        Files.writeString(config, yaml.replace(dhcpOnLab0, "  bind: " + LabNet.SERVER_IP + "\n"));
        net = LabNet.create();
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString());
        server.awaitLog("suite.started", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    static Sh.Result simulate(String ns, String relay, String state, String... more) {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                "--config", config.toString(), "--state", work.resolve(state).toString(), "--relay", relay,
                "--phones", Integer.toString(PHONES), "--retry-delay", "1"));
        cmd.addAll(List.of(more));
        return Sh.run(Sh.in(ns, cmd.toArray(String[]::new)), 120);
    }

    /** The event log's HTTP and TFTP client addresses that start with {@code prefix}, once it has them all. */
    static Set<String> clients(String prefix, int expected) throws Exception {
        Set<String> seen = new TreeSet<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (seen.size() < expected && System.currentTimeMillis() < deadline) {
            seen.clear();
            for (Event e : EventLog.read(work.resolve("state"), Optional.empty(), 1_000_000)) {
                if ((e.daemon().equals("httpd") || e.daemon().equals("tftpd")) && e.client().isPresent()) {
                    String a = e.client().get().getAddress().getHostAddress();
                    if (a.startsWith(prefix)) {
                        seen.add(a);
                    }
                }
            }
            Thread.sleep(200);
        }
        return seen;
    }

    @Test
    void onTheSuitesHostEachPhoneStandsInAtItsOwnLoopbackAddress() throws Exception {
        Sh.Result r = simulate(net.server, LabNet.SERVER_IP, "here");
        assertEquals(0, r.code(), () -> r.out() + r.err() + server.logText());
        assertTrue(r.out().contains("provisioned:  50 of 50"), r.out());
        assertTrue(r.out().contains("addresses:    50 phones from stand-in addresses of their own (leases not on this"
                + " host: 10.77."), r.out());
        assertTrue(r.out().contains("phonesim.stand_in_address"), "said once, as a warning: " + r.out());
        Set<String> from = clients("127.77.", PHONES);
        assertEquals(PHONES, from.size(), "one address per phone, 127.b.c.d for lease 10.b.c.d: " + from);
    }

    @Test
    void fromAnotherHostThePhonesShareItsAddressAndTheReportSaysWhy() {
        // The phones' namespace has 10.77.0.2 and no local routes for the lease ranges.
        Sh.Result r = simulate(net.client, LabNet.CLIENT_IP, "elsewhere", "--model", "ST2030M");
        assertTrue(r.out().contains("addresses:    50 phones from this host's own address, shared"), r.out());
        assertTrue(r.out().contains("is on another host, which a 127.x stand-in cannot reach"), r.out());
        if (r.code() != 0) {
            // How many tftpd turns away depends on timing; each that was is named for what happened.
            assertTrue(r.out().contains("tftpd refused: server busy (max_per_client, per address"), r.out());
            assertTrue(r.out().contains("why:   50 phones sent from this host's own address"), r.out());
        }
    }
}
