package org.phoneprov.httpd;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * HTTP-dates (RFC 9110 5.6.7) without formatting one per response: the Date header is
 * formatted once per second, Last-Modified values are kept in a small direct-mapped cache.
 * Safe from any thread; a lost race only formats a date twice.
 */
final class HttpClock {
    private static final int SLOTS = 64;

    private record Formatted(long second, AsciiString text) {
    }

    private final LongSupplier millis;
    private final AtomicReferenceArray<Formatted> lastModified = new AtomicReferenceArray<>(SLOTS);
    private volatile Formatted now = new Formatted(Long.MIN_VALUE, AsciiString.EMPTY_STRING);

    HttpClock(LongSupplier millis) {
        this.millis = millis;
    }

    HttpClock() {
        this(System::currentTimeMillis);
    }

    /** The Date header value for a response sent now. */
    AsciiString now() {
        long second = Math.floorDiv(millis.getAsLong(), 1000L);
        Formatted f = now;
        if (f.second() != second) {
            f = format(second);
            now = f;
        }
        return f.text();
    }

    /** An epoch-millisecond time as an IMF-fixdate, e.g. for Last-Modified. */
    AsciiString date(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        int slot = (int) (second & (SLOTS - 1));
        Formatted f = lastModified.get(slot);
        if (f == null || f.second() != second) {
            f = format(second);
            lastModified.set(slot, f);
        }
        return f.text();
    }

    private static Formatted format(long second) {
        return new Formatted(second, AsciiString.cached(DateFormatter.format(new Date(second * 1000L))));
    }
}
