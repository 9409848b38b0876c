package org.phoneprov.dhcpd.lease;

import java.util.Comparator;
import org.phoneprov.common.mac.Mac;

/**
 * What the allocator holds an address for, in memory. Immutable: a change replaces it.
 * At most one binding per address — that is the "never two MACs" rule.
 */
record Binding(int address, Mac mac, Hold hold, long expiresAt, String clientClass, long updatedAt) {

    /** Why an address is not free. */
    enum Hold {
        /** Offered to {@code mac}; not stored; free again after the offer hold. */
        OFFERED,
        /** Leased to {@code mac} (a stored ACTIVE lease). */
        LEASED,
        /** Set aside after a DHCPDECLINE by {@code mac} until {@code expiresAt}. */
        DECLINED
    }

    /** Soonest expiry first; the address breaks ties, so live bindings never compare equal. */
    static final Comparator<Binding> BY_EXPIRY = Comparator.comparingLong(Binding::expiresAt)
            .thenComparing(Binding::address, Integer::compareUnsigned);

    Lease toLease(LeaseState state, long expires, long now) {
        return new Lease(address, mac, clientClass, expires, state, now);
    }
}
