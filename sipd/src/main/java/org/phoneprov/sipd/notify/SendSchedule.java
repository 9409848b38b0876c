package org.phoneprov.sipd.notify;

import java.time.Duration;

/**
 * When each NOTIFY of a group leaves. Phones that all re-provision at once make a boot
 * storm on the provisioning servers, so a group is spread over at least the span, and
 * never sent faster than the rate: target i leaves at i * max(1/rate, span/n).
 */
public record SendSchedule(int count, Duration interval) {

    /**
     * @param spanSeconds   0 means no spreading beyond the rate
     * @param ratePerSecond 0 or less means no rate limit
     */
    public static SendSchedule of(int count, int spanSeconds, int ratePerSecond) {
        long byRate = ratePerSecond > 0 ? 1_000_000_000L / ratePerSecond : 0;
        long bySpan = count > 0 && spanSeconds > 0 ? spanSeconds * 1_000_000_000L / count : 0;
        return new SendSchedule(count, Duration.ofNanos(Math.max(byRate, bySpan)));
    }

    /** The send time of target {@code i}, from the start of the group. */
    public Duration offset(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("target " + i + " of " + count);
        }
        return interval.multipliedBy(i);
    }

    /** When the last one leaves. */
    public Duration total() {
        return count == 0 ? Duration.ZERO : offset(count - 1);
    }
}
