package org.phoneprov.dhcpd.ha;

import java.util.Optional;
import org.phoneprov.dhcpd.lease.Lease;

/** What the partner said of one lease update. */
public record HaUpdate(Result result, Optional<Lease> holder) {
    public enum Result {
        /** Taken (or not needed: the partner is not listening for updates now). */
        TAKEN,
        /** The partner holds a newer row for the address. */
        STALE,
        /** The partner has the address leased to another client: this ACK must not leave. */
        CONFLICT,
        /** The partner has no subnet for the address: the two configs differ. */
        UNKNOWN,
        /** No answer in time: the partner is in doubt. */
        FAILED
    }

    public static final HaUpdate NOT_SENT = new HaUpdate(Result.TAKEN, Optional.empty());
    public static final HaUpdate FAILED = new HaUpdate(Result.FAILED, Optional.empty());

    public boolean refused() {
        return result == Result.CONFLICT || result == Result.FAILED;
    }
}
