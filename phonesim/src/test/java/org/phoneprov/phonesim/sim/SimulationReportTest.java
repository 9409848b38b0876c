package org.phoneprov.phonesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationReportTest {
    private static SourceAddresses sources(boolean standIns, java.util.function.Predicate<InetAddress> local,
                                           String... leases) throws Exception {
        SourceAddresses s = new SourceAddresses(standIns, local, Set.of(InetAddress.getByName("127.0.0.1")));
        for (String l : leases) {
            s.choose(InetAddress.getByName(l));
        }
        return s;
    }

    @Test
    void theAddressLineSaysWhereThePhonesSentFrom() throws Exception {
        java.util.function.Predicate<InetAddress> linux = a -> (a.getAddress()[0] & 0xFF) == 127;
        assertEquals("2 phones, each from its leased address",
                SimulationReport.addresses(sources(true, linux, "127.77.1.1", "127.77.1.2").summary()));
        assertEquals("1 phone from stand-in addresses of their own (leases not on this host: 10.77.32.5 sends from"
                + " 127.77.32.5)", SimulationReport.addresses(sources(true, linux, "10.77.32.5").summary()));
        assertEquals("2 phones from this host's own address, shared (leases not on this host, e.g. 10.77.32.5)",
                SimulationReport.addresses(sources(false, linux, "10.77.32.5", "10.77.32.6").summary()));
    }

    @Test
    void phonesThatSharedAnAddressAndHitAPerAddressLimitAreTold() {
        String hint = SimulationReport.sharedHint(true, 50);
        assertTrue(hint.startsWith("50 phones sent from this host's own address"), hint);
        assertTrue(hint.contains("max_per_client is 8"), hint);
        assertEquals("", SimulationReport.sharedHint(true, 1), "one phone cannot crowd itself out");
        assertEquals("", SimulationReport.sharedHint(false, 50), "their failures had other causes");
    }

    @Test
    void problemsNameAFewOfTheirPhones() {
        assertEquals("00:14:7F:77:00:01", SimulationReport.examples(java.util.List.of("00:14:7F:77:00:01")));
        assertEquals("a, b, c and 2 more", SimulationReport.examples(java.util.List.of("a", "b", "c", "d", "e")));
    }

    @Test
    void problemsArePrintedLikeFailuresWithoutFailingThePhones() {
        SimulationReport r = new SimulationReport(java.util.List.of(), java.time.Duration.ZERO, java.util.Map.of(),
                java.util.Map.of(), java.util.Map.of(), 0, 0, 0, 0, "none leased", "", java.util.Map.of(
                "line 1 has no SIP account: no MAC config applied", java.util.List.of("00:14:7F:E0:00:10")));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        r.print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), false);
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("problems:     provisioned, but not every line can register\n"
                + "      1  line 1 has no SIP account: no MAC config applied  (00:14:7F:E0:00:10)\n"), text);
        assertTrue(r.allProvisioned(), "no phone failed");
        assertEquals(1, r.withProblems());
    }
}
