package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code phoneprov demo} from the built jar, as a new user runs it with nothing prepared:
 * as root in namespaces it builds itself, and on loopback (what a user without root gets).
 */
class DemoIT {
    @Test
    void theDemoInItsOwnNamespaces() {
        LabNet.requireLab("ip", "java");
        Sh.Result r = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "demo"), 180);
        check(r, "network namespaces ppdemo-srv-");
        assertTrue(r.out().contains("sipd.joined group=224.0.1.75:5060 interface=lab0"), r.out());
        assertTrue(Sh.run("ip", "netns", "list").out().lines().noneMatch(l -> l.startsWith("ppdemo-")),
                "the demo removes its namespaces");
    }

    @Test
    void theDemoOnLoopback() {
        Sh.Result r = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "demo", "--loopback"), 180);
        check(r, "loopback");
    }

    private static void check(Sh.Result r, String where) {
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("phoneprov demo — in " + where), r.out());
        assertTrue(r.out().contains("provisioned:  10 of 10"), r.out());
        for (String model : List.of("ST2030S", "ST2030M", "ST2022S", "ST2022M")) {
            assertTrue(r.out().lines().filter(l -> l.contains(" " + model + " ") && l.contains("PROVISIONED")).count() == 2,
                    model + ": " + r.out());
        }
        // The Gigasets: the N510 by its MAC (an encrypted profile), the N720 by its activation code.
        for (String model : List.of("N510", "N720")) {
            assertTrue(r.out().lines().anyMatch(l -> l.contains(" " + model + " ") && l.contains("PROVISIONED")),
                    model + ": " + r.out());
        }
        // Skipped: the four MGCP phones and the N510 (check-sync is the ST20xx SIP phones').
        assertTrue(r.out().contains("notify: 4 accepted, 0 rejected, 0 no answer, 5 skipped"), r.out());
        assertTrue(r.out().contains("All 10 demo phones provisioned"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("   tftpd  {RRQ=")), r.out());
        assertTrue(!r.out().contains("alice-rotated") && !r.out().contains("alice-secret"), "no secrets shown");
    }
}
