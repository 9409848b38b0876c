package org.phoneprov.dhcpd.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When each client was last sent an OFFER, so the ACK that follows can be timed: the
 * OFFER→ACK latency covers the client's wait and choice, its REQUEST's trip and the lease
 * commit (RFC 2131 4.4.1, SELECTING). Bounded: past {@code capacity} clients the oldest
 * OFFER is forgotten, so a storm of DISCOVERs that are never followed by a REQUEST costs a
 * fixed amount of memory and the ACKs of those forgotten go untimed.
 *
 * <p>Single-threaded by contract: the dhcpd event loop, like the allocator.
 */
final class OfferClock {
    /** An OFFER older than this is not timed: the client gave up on it, whatever it sends now. */
    static final long MAX_AGE_NANOS = 60_000_000_000L;

    private final Map<Long, Long> offeredAt;

    OfferClock(int capacity) {
        this.offeredAt = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** An OFFER to {@code mac} left at {@code nanos}; a newer OFFER replaces an older one. */
    void offered(long mac, long nanos) {
        offeredAt.remove(mac); // re-inserted last: the eviction order is the OFFER order
        offeredAt.put(mac, nanos);
    }

    /** The client's transaction ended (ACK or NAK): its OFFER's age, or -1 when there is none to time. */
    long answered(long mac, long nanos) {
        Long at = offeredAt.remove(mac);
        if (at == null) {
            return -1;
        }
        long age = nanos - at;
        return age >= 0 && age <= MAX_AGE_NANOS ? age : -1;
    }

    int size() {
        return offeredAt.size();
    }
}
