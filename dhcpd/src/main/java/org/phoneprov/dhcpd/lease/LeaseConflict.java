package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

/**
 * A commit refused because the address is leased, unexpired, to another client in the store
 * several nodes share (or by the HA partner): the ACK must not leave. {@code holder} is that
 * other lease, for the allocator to learn so it does not offer the address again.
 */
public final class LeaseConflict extends RuntimeException {
    private final transient Lease holder;

    public LeaseConflict(Lease refused, Lease holder, String where) {
        super(Ip4.toString(refused.address()) + " is leased to " + holder.mac() + " in " + where + "; not to "
                + refused.mac(), null, false, false);
        this.holder = holder;
    }

    public Lease holder() {
        return holder;
    }
}
