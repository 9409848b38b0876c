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
import org.phoneprov.httpd.LimitLog.Cut;
import org.phoneprov.httpd.LimitsHarness.Peer;

/** The head deadline and the keep-alive timeout in the real pipeline: when they fire, and what resets them. */
class ConnectionDeadlinesTest {
    private static final String GET = "GET " + FakeResolver.MAC_CONFIG + " HTTP/1.1\r\nHost: t\r\n\r\n";

    @TempDir
    Path dir;
    private LimitsHarness lab;

    @BeforeEach
    void setUp() throws Exception {
        lab = new LimitsHarness(new HttpdSettings.Limits(10, 5, 100, 10), Files.write(dir.resolve("fw.bin"),
                new byte[] {1}));
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private long count(Cut cut) {
        return lab.limitLog.count(cut);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheHeadDeadlineWithoutAnAnswer() throws Exception {
        Peer ch = lab.connect("10.77.0.50");
        lab.advance(9.999, ch);
        assertTrue(ch.isOpen());
        lab.advance(0.001, ch);
        assertFalse(ch.isOpen());
        assertNull(ch.readOutbound(), "no 408: nothing is written");
        assertEquals(1, count(Cut.HEAD_TIMEOUT));
        assertTrue(lab.lines().contains("httpd.head_timeout client=10.77.0.50:40000 bytes=0 seconds=10 after=accept"),
                lab.lines().toString());
    }

    @Test
    void aHeadSentOneByteASecondIsCutAtTheSameDeadline() throws Exception {
        Peer ch = lab.connect("10.77.0.51");
        String head = "GET /ST2030S.inf HTTP/1.1\r\n";
        for (int i = 0; i < 9; i++) {
            lab.advance(1, ch);
            LimitsHarness.send(ch, head.substring(i, i + 1));
        }
        lab.advance(0.999, ch);
        assertTrue(ch.isOpen(), "9.999 s");
        lab.advance(0.001, ch);
        assertFalse(ch.isOpen(), "the bytes did not move the deadline");
        assertTrue(lab.lines().contains("httpd.head_timeout client=10.77.0.51:40000 bytes=9 seconds=10 after=accept"),
                lab.lines().toString());
    }

    @Test
    void aHeadCompleteBeforeTheDeadlineIsServed() throws Exception {
        Peer ch = lab.connect("10.77.0.52");
        lab.advance(9.9, ch);
        assertEquals(200, Wire.exchange(ch, GET).status());
        lab.advance(0.2, ch);
        assertTrue(ch.isOpen(), "the wait for the next request began at the response");
    }

    @Test
    void aKeptAliveConnectionThatStaysSilentClosesAtTheKeepaliveQuietly() throws Exception {
        Peer ch = lab.connect("10.77.0.53");
        lab.advance(1, ch);
        assertEquals(200, Wire.exchange(ch, GET).status());
        lab.advance(4.999, ch);
        assertTrue(ch.isOpen());
        lab.advance(0.001, ch);
        assertFalse(ch.isOpen());
        assertNull(ch.readOutbound());
        assertEquals(1, count(Cut.KEEPALIVE_TIMEOUT));
        assertEquals(0, count(Cut.HEAD_TIMEOUT));
        assertTrue(lab.lines().stream().noneMatch(l -> l.startsWith("httpd.")), "a phone going quiet is not news");
    }

    @Test
    void eachRequestOnAKeptAliveConnectionStartsANewWait() throws Exception {
        Peer ch = lab.connect("10.77.0.54");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, Wire.exchange(ch, GET).status());
            lab.advance(4.9, ch);
            assertTrue(ch.isOpen(), "request " + i);
        }
        lab.advance(0.1, ch);
        assertFalse(ch.isOpen());
    }

    @Test
    void aNextHeadBegunOnAKeptAliveConnectionMustEndWithinTheHeadDeadlineOfTheResponse() throws Exception {
        Peer ch = lab.connect("10.77.0.55");
        assertEquals(200, Wire.exchange(ch, GET).status());
        lab.advance(3, ch);
        LimitsHarness.send(ch, "GET /ST");
        lab.advance(6.999, ch);
        assertTrue(ch.isOpen(), "bytes arrived: no keep-alive timeout");
        lab.advance(0.001, ch);
        assertFalse(ch.isOpen(), "10 s after the response");
        assertTrue(lab.lines().contains("httpd.head_timeout client=10.77.0.55:40000 bytes=7 seconds=10"
                + " after=response"), lab.lines().toString());
    }

    @Test
    void aConnectionOwingAResponseHasNoRequestDeadline() throws Exception {
        Peer ch = lab.connect("10.77.0.56");
        lab.connections.requestStarted(ch); // as the handler does on a head; its response never ends here
        lab.advance(3600, ch);
        assertTrue(ch.isOpen(), "a stalled response is the send stall's business");
        lab.connections.responseFinished(ch);
        lab.advance(5, ch);
        assertFalse(ch.isOpen());
    }
}
