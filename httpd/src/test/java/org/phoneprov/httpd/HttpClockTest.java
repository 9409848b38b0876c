package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpClockTest {

    @Test
    void dateIsFormattedOncePerSecond() {
        AtomicLong now = new AtomicLong(784111777_000L);
        HttpClock clock = new HttpClock(now::get);
        CharSequence first = clock.now();
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", first.toString());
        now.addAndGet(999);
        assertSame(first, clock.now());
        now.addAndGet(1);
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT", clock.now().toString());
    }

    @Test
    void lastModifiedIsCached() {
        HttpClock clock = new HttpClock(() -> 0L);
        CharSequence a = clock.date(784111777_250L);
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", a.toString());
        assertSame(a, clock.date(784111777_999L));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", clock.date(0).toString());
    }
}
