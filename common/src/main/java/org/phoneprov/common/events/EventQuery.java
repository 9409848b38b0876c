package org.phoneprov.common.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;

/**
 * Which events to read back: the last {@code limit} of one phone, one daemon, a time window
 * ({@code since} inclusive, {@code until} exclusive), oldest first. A record, not a predicate, so
 * the PostgreSQL history answers it with an indexed query while the file log tests each record.
 */
public record EventQuery(Optional<Mac> mac, Optional<String> daemon, Optional<Instant> since,
                         Optional<Instant> until, int limit) {
    public EventQuery {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }

    /** The last {@code limit} events, of one phone when {@code mac} is given. */
    public static EventQuery last(Optional<Mac> mac, int limit) {
        return new EventQuery(mac, Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public boolean test(Event e) {
        return (mac.isEmpty() || mac.equals(e.device()))
                && (daemon.isEmpty() || daemon.get().equals(e.daemon()))
                && (since.isEmpty() || !e.time().isBefore(since.get()))
                && (until.isEmpty() || e.time().isBefore(until.get()));
    }
}
