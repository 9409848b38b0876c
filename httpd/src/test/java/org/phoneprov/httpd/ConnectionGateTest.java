package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.net.Addresses;
import org.phoneprov.httpd.LimitLog.Cut;
import org.phoneprov.httpd.LimitsHarness.Peer;

/** The caps in the real pipeline: refused at accept per address, room made at the total. */
class ConnectionGateTest {
    @TempDir
    Path dir;
    private LimitsHarness lab;

    @BeforeEach
    void setUp() throws Exception {
        lab = new LimitsHarness(new HttpdSettings.Limits(10, 5, 4, 2), Files.write(dir.resolve("fw.bin"),
                new byte[] {1}));
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void oneAddressOverItsCapIsRefusedAtAcceptAndAClosedOneFreesItsPlace() throws Exception {
        Peer a1 = lab.connect("10.77.0.50");
        Peer a2 = lab.connect("10.77.0.50");
        Peer a3 = lab.connect("10.77.0.50");
        assertTrue(a1.isOpen() && a2.isOpen());
        assertFalse(a3.isOpen(), "refused");
        assertNull(a3.readOutbound());
        assertNull(a3.pipeline().get("decoder"), "nothing was built for it");
        assertEquals(1, lab.limitLog.count(Cut.REFUSED_PER_CLIENT));
        assertTrue(lab.lines().contains("httpd.client_limit action=refused client=10.77.0.50:40000 open=2"
                + " max_per_client=2"), lab.lines().toString());
        Peer other = lab.connect("10.77.0.51");
        assertTrue(other.isOpen(), "another address is not affected");

        a1.close();
        a1.runPendingTasks();
        assertEquals(1, lab.gate.open(Addresses.parseLiteral("10.77.0.50").orElseThrow()));
        assertTrue(lab.connect("10.77.0.50").isOpen());
    }

    @Test
    void atTheTotalTheConnectionWaitingLongestIsClosedForTheNewcomer() throws Exception {
        Peer a = lab.connect("10.77.0.50");
        lab.advance(1, a);
        Peer b = lab.connect("10.77.0.51");
        lab.advance(0.1, a, b);
        Peer c = lab.connect("10.77.0.52");
        Peer d = lab.connect("10.77.0.53");
        lab.advance(0.9, a, b, c, d);
        lab.connections.requestStarted(a); // a is the oldest, but busy with a response
        Peer phone = lab.connect("10.77.1.1");
        assertTrue(phone.isOpen());
        b.runPendingTasks();
        assertFalse(b.isOpen(), "b waited longest without a request");
        assertTrue(a.isOpen() && c.isOpen() && d.isOpen());
        assertEquals(1, lab.limitLog.count(Cut.EVICTED));
        assertTrue(lab.lines().contains("httpd.connection_limit action=evicted closed=10.77.0.51:40000 waited_ms=1000"
                + " client=10.77.1.1:40000 max_connections=4"), lab.lines().toString());
        assertEquals(200, LimitsHarness.get(phone, FakeResolver.MAC_CONFIG).status());
        assertEquals(4, lab.gate.open());
    }

    @Test
    void aConnectionThatGotItsRequestBeforeItCouldBeClosedStays() throws Exception {
        Peer[] held = new Peer[4];
        for (int i = 0; i < 4; i++) {
            held[i] = lab.connect("10.77.0.5" + i);
            lab.advance(0.1, held[i]);
        }
        Peer phone = lab.connect("10.77.1.1");
        lab.connections.requestStarted(held[0]); // its head arrives before the close task runs
        held[0].runPendingTasks();
        assertTrue(held[0].isOpen());
        assertTrue(phone.isOpen());
        assertEquals(0, lab.limitLog.count(Cut.EVICTED));
        assertEquals(5, lab.gate.open(), "over by one until one closes");
    }

    @Test
    void whenEveryConnectionOwesAResponseTheNewcomerIsRefused() throws Exception {
        for (int i = 0; i < 4; i++) {
            lab.connections.requestStarted(lab.connect("10.77.0.5" + i));
        }
        Peer phone = lab.connect("10.77.1.1");
        assertFalse(phone.isOpen());
        assertEquals(1, lab.limitLog.count(Cut.REFUSED_MAX_CONNECTIONS));
        assertTrue(lab.lines().contains("httpd.connection_limit action=refused client=10.77.1.1:40000 open=4"
                + " max_connections=4 (every connection is busy with a response)"), lab.lines().toString());
        assertEquals("head_timeouts=0 keepalive_closed=0 refused_per_client=0 refused_max_connections=1 evicted=0",
                lab.limitLog.summary());
    }

    @Test
    void newLimitsApplyToTheNextConnectionAndLeaveOpenOnesAlone() throws Exception {
        Peer before = lab.connect("10.77.0.50");
        lab.limits.set(new HttpdSettings.Limits(2, 1, 4, 1)); // a SIGHUP with tighter limits
        assertFalse(lab.connect("10.77.0.50").isOpen(), "the new cap of 1 applies at once");
        Peer after = lab.connect("10.77.0.51");
        lab.advance(2, before, after);
        assertFalse(after.isOpen(), "the new 2 s head deadline");
        assertTrue(before.isOpen(), "an open connection keeps the deadline it was accepted with");
        lab.advance(8, before);
        assertFalse(before.isOpen());
    }
}
