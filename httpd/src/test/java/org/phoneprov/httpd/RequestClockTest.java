package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.httpd.RequestClock.Verdict;

/** The head deadline and the keep-alive timeout of one connection, on a hand-moved clock. */
class RequestClockTest {
    private static final HttpdSettings.Limits LIMITS = new HttpdSettings.Limits(10, 5, 100, 10);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestClock clock = new RequestClock(LIMITS, now::get);

    private long at(double seconds) {
        return 1_000_000_000L + (long) (seconds * 1e9);
    }

    private Verdict checkAt(double seconds) {
        now.set(at(seconds));
        return clock.check(now.get());
    }

    @Test
    void aSilentNewConnectionIsCutAtTheHeadDeadlineFromTheAccept() {
        assertEquals(Verdict.WAIT, checkAt(9.999));
        assertEquals(Verdict.HEAD_TIMEOUT, checkAt(10));
        assertFalse(clock.keptAlive());
    }

    @Test
    void bytesTricklingInDoNotMoveTheDeadline() {
        for (int s = 1; s < 10; s++) {
            now.set(at(s));
            clock.bytesArrived(1);
            assertEquals(Verdict.WAIT, clock.check(now.get()), "second " + s);
        }
        assertEquals(Verdict.HEAD_TIMEOUT, checkAt(10));
        assertEquals(9, clock.headBytes());
    }

    @Test
    void aBusyConnectionHasNoDeadlineHere() {
        now.set(at(0.01));
        clock.requestStarted();
        assertEquals(RequestClock.BUSY, clock.waitingSince());
        assertEquals(Verdict.WAIT, checkAt(3600));
        assertEquals(at(3605), clock.nextCheck(now.get()), "checked again after the keep-alive time");
    }

    @Test
    void aKeptAliveConnectionThatStaysSilentClosesAtTheKeepaliveFromTheResponse() {
        now.set(at(1));
        clock.requestStarted();
        now.set(at(2));
        clock.responseFinished();
        assertTrue(clock.keptAlive());
        assertEquals(at(2), clock.waitingSince());
        assertEquals(at(7), clock.nextCheck(now.get()));
        assertEquals(Verdict.WAIT, checkAt(6.999));
        assertEquals(Verdict.KEEPALIVE_TIMEOUT, checkAt(7));
    }

    @Test
    void aNextHeadStartedOnAKeptAliveConnectionHasUntilTheHeadDeadlineFromTheResponse() {
        clock.requestStarted();
        now.set(at(2));
        clock.responseFinished();
        now.set(at(4));
        clock.bytesArrived(3); // "GET" and nothing more
        assertEquals(Verdict.WAIT, checkAt(7), "no keep-alive timeout once a request began");
        assertEquals(at(12), clock.nextCheck(at(11)));
        assertEquals(Verdict.WAIT, checkAt(11.999));
        assertEquals(Verdict.HEAD_TIMEOUT, checkAt(12), "10 s after the response, not after the first byte");
    }

    @Test
    void aRequestThatCompletesInTimeStartsAFreshWaitAfterItsResponse() {
        now.set(at(9.5));
        clock.bytesArrived(100);
        clock.requestStarted();
        assertEquals(Verdict.WAIT, checkAt(30));
        clock.responseFinished();
        assertEquals(0, clock.headBytes(), "a new wait counts its own bytes");
        assertEquals(Verdict.WAIT, checkAt(34.9));
        assertEquals(Verdict.KEEPALIVE_TIMEOUT, checkAt(35));
    }

    @Test
    void pipelinedRequestsKeepTheConnectionBusyUntilTheLastResponse() {
        clock.requestStarted();
        clock.requestStarted();
        now.set(at(1));
        clock.responseFinished();
        assertEquals(1, clock.busy());
        assertEquals(Verdict.WAIT, checkAt(60));
        clock.responseFinished();
        assertEquals(0, clock.busy());
        clock.responseFinished(); // one too many is harmless
        assertEquals(0, clock.busy());
        assertEquals(Verdict.KEEPALIVE_TIMEOUT, checkAt(65));
    }

    @Test
    void nextCheckIsTheNextDeadlineButNeverFurtherThanTheKeepalive() {
        assertEquals(at(5), clock.nextCheck(now.get()), "a fresh connection: head at 10 s, checked at 5 s");
        assertEquals(at(10), clock.nextCheck(at(5)));
        assertEquals(at(10), clock.nextCheck(at(10)), "due now");
    }

    @Test
    void aKeepaliveLongerThanTheHeadIsHeldToTheHead() {
        RequestClock c = new RequestClock(new HttpdSettings.Limits(2, 30, 10, 10), now::get);
        c.requestStarted();
        c.responseFinished();
        assertEquals(now.get() + TimeUnit.SECONDS.toNanos(2), c.nextCheck(now.get()));
        assertEquals(Verdict.KEEPALIVE_TIMEOUT, c.check(now.get() + TimeUnit.SECONDS.toNanos(2)));
    }
}
