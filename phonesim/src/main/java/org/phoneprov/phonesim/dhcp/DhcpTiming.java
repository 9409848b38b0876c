package org.phoneprov.phonesim.dhcp;

import java.time.Duration;
import java.util.List;

/**
 * How long the client waits for each answer and how often it starts over. RFC 2131
 * 4.1: retransmit with a doubling delay, "starting with 4 seconds"; the list is that
 * schedule, bounded (one send per entry). After a NAK, or a REQUEST that nobody
 * answers, the client starts again from DISCOVER at most {@code maxRestarts} times.
 */
public record DhcpTiming(List<Duration> waits, int maxRestarts) {
    /** 4, 8, 16 and 32 s: a phone gives up on a silent network after a minute. */
    public static final DhcpTiming RFC = new DhcpTiming(
            List.of(Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32)), 3);

    public DhcpTiming {
        waits = List.copyOf(waits);
        if (waits.isEmpty()) {
            throw new IllegalArgumentException("at least one wait is needed");
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be >= 0, got " + maxRestarts);
        }
    }

    /** {@code tries} sends, each waiting {@code wait}: for tests and fast simulations. */
    public static DhcpTiming fixed(int tries, Duration wait, int maxRestarts) {
        return new DhcpTiming(java.util.Collections.nCopies(tries, wait), maxRestarts);
    }
}
