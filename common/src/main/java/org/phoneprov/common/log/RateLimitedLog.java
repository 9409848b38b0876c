package org.phoneprov.common.log;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Log lines about what clients send (bad requests, traversal attempts, malformed
 * packets): each gets its line, up to a small burst per event name per window, so an
 * admin sees a misbehaving phone, while a scanner or a flood cannot fill the journal.
 * The first line after a suppressed stretch says how many were dropped:
 * {@code httpd.reject reason=traversal ... suppressed=41}.
 */
public final class RateLimitedLog {

    public enum Emitted { LOGGED, SUPPRESSED }

    private static final class Window {
        final AtomicLong opened;
        final AtomicLong used = new AtomicLong();
        final AtomicLong suppressed = new AtomicLong();

        Window(long opened) {
            this.opened = new AtomicLong(opened);
        }
    }

    private final Logger logger;
    private final long windowNanos;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger logger, Duration window, int burst, LongSupplier nanoTime) {
        this.logger = logger;
        this.windowNanos = window.toNanos();
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Up to 20 lines per event name per 10 seconds. */
    public RateLimitedLog(Logger logger) {
        this(logger, Duration.ofSeconds(10), 20, System::nanoTime);
    }

    /**
     * @param event   a stable event name, e.g. {@code httpd.reject}; it starts the line
     * @param details {@code key=value} pairs, already quoted where needed
     */
    public Emitted log(Level level, String event, String details) {
        if (!logger.isEnabledForLevel(level)) {
            return Emitted.SUPPRESSED;
        }
        long now = nanoTime.getAsLong();
        Window w = windows.computeIfAbsent(event, e -> new Window(now));
        long opened = w.opened.get();
        if (now - opened >= windowNanos && w.opened.compareAndSet(opened, now)) {
            w.used.set(0);
        }
        if (w.used.incrementAndGet() > burst) {
            w.suppressed.incrementAndGet();
            return Emitted.SUPPRESSED;
        }
        long dropped = w.suppressed.getAndSet(0);
        String line = dropped == 0 ? event + " " + details : event + " " + details + " suppressed=" + dropped;
        logger.atLevel(level).log(line);
        return Emitted.LOGGED;
    }
}
