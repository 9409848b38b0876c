package org.phoneprov.sipd.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendScheduleTest {

    @Test
    void spanSpreadsWhenItIsSlowerThanTheRate() {
        // 500 over 10 s is one per 20 ms; the rate (1000/s = 1 ms) is not the limit.
        SendSchedule s = SendSchedule.of(500, 10, 1000);
        assertEquals(Duration.ofMillis(20), s.interval());
        assertEquals(Duration.ZERO, s.offset(0));
        assertEquals(Duration.ofMillis(20), s.offset(1));
        assertEquals(Duration.ofMillis(9_980), s.offset(499));
        assertEquals(Duration.ofMillis(9_980), s.total());
    }

    @Test
    void rateLimitsWhenThereIsNoSpan() {
        SendSchedule s = SendSchedule.of(500, 0, 50);
        assertEquals(Duration.ofMillis(20), s.interval());
        assertEquals(Duration.ofMillis(200), s.offset(10));
    }

    @Test
    void rateWinsOverAShortSpan() {
        // 10 phones over 1 s would be every 100 ms, but 5 per second is every 200 ms.
        assertEquals(Duration.ofMillis(200), SendSchedule.of(10, 1, 5).interval());
        assertEquals(Duration.ofMillis(100), SendSchedule.of(10, 1, 50).interval());
    }

    @Test
    void noLimitsSendsAllAtOnce() {
        SendSchedule s = SendSchedule.of(3, 0, 0);
        assertEquals(Duration.ZERO, s.offset(2));
    }

    @Test
    void oneTargetLeavesAtOnceAndEmptyIsFine() {
        assertEquals(Duration.ZERO, SendSchedule.of(1, 60, 1).offset(0));
        assertEquals(Duration.ZERO, SendSchedule.of(0, 60, 1).total());
    }

    @Test
    void offsetOutsideTheGroupIsAnError() {
        assertThrows(IndexOutOfBoundsException.class, () -> SendSchedule.of(2, 0, 10).offset(2));
    }
}
