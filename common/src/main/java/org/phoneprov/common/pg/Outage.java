package org.phoneprov.common.pg;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How a store that cannot write says so: the first failed batch at once, then at most one line
 * per interval with how many items (leases, events) failed since the last line, and one line when
 * a batch is written again. A database down for an hour under a boot storm is some 360 lines, not
 * one per batch. Called from one writer thread only (dhcpd's committer, the event writer, a
 * listener).
 */
public final class Outage {
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private boolean down;
    private long since;
    private long lastLine;
    private long failedSinceLine;
    private long failedTotal;

    public Outage(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** {@code items} were not written; the details of the line to log now, if one is due. */
    public Optional<String> failed(int items, String error) {
        long now = nanoTime.getAsLong();
        failedSinceLine += items;
        failedTotal += items;
        if (!down) {
            down = true;
            since = now;
        } else if (now - lastLine < intervalNanos) {
            return Optional.empty();
        }
        lastLine = now;
        String line = "for=" + seconds(now - since) + "s failed=" + failedSinceLine + " error=\"" + error + "\"";
        failedSinceLine = 0;
        return Optional.of(line);
    }

    /** A batch was written; the details of the recovery line, if the store was failing. */
    public Optional<String> written() {
        if (!down) {
            return Optional.empty();
        }
        String line = "after=" + seconds(nanoTime.getAsLong() - since) + "s failed=" + failedTotal;
        down = false;
        failedSinceLine = 0;
        failedTotal = 0;
        return Optional.of(line);
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }
}
