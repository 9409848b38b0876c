package org.phoneprov.common.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A failing store says so at once, then once per interval with a count, and once when it writes again. */
class OutageTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final Outage outage = new Outage(Duration.ofSeconds(10), now::get);

    void advanceSeconds(long s) {
        now.addAndGet(s * 1_000_000_000L);
    }

    @Test
    void theFirstFailureIsToldAtOnceThenOneLinePerIntervalWithTheCount() {
        assertEquals(Optional.of("for=0s failed=3 error=\"refused\""), outage.failed(3, "refused"));
        advanceSeconds(2);
        assertEquals(Optional.empty(), outage.failed(5, "refused"));
        advanceSeconds(7);
        assertEquals(Optional.empty(), outage.failed(1, "refused"));
        advanceSeconds(1);
        assertEquals(Optional.of("for=10s failed=7 error=\"refused\""), outage.failed(1, "refused"),
                "the leases failed since the last line, this batch included");
        advanceSeconds(3);
        assertEquals(Optional.empty(), outage.failed(2, "refused"));
        advanceSeconds(4);
        assertEquals(Optional.of("after=17s failed=12"), outage.written());
    }

    @Test
    void writingWhileHealthySaysNothingAndAnOutageAfterARecoveryStartsAfresh() {
        assertEquals(Optional.empty(), outage.written());
        outage.failed(1, "x");
        outage.written();
        advanceSeconds(1);
        Optional<String> again = outage.failed(4, "timeout");
        assertTrue(again.isPresent() && again.get().startsWith("for=0s failed=4 "), again.toString());
    }
}
