package org.phoneprov.phonesim.aps;

import java.time.Duration;

/**
 * Seed 2.6: "If server unreachable or Gen File Not Found is the error case, IP Phone will
 * retry 3 times and the duration is 30 seconds. On the other word, IP Phone will display
 * the error message after 90 seconds." So: one try, then {@code retries} more, each
 * {@code delay} after the previous one. Tests and the simulator pass shorter delays.
 */
public record RetryPolicy(int retries, Duration delay) {
    public static final RetryPolicy SEED = new RetryPolicy(3, Duration.ofSeconds(30));

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
    }
}
