package org.phoneprov.dhcpd.lease;

/** What {@link Allocator#apply} did with a lease another node decided (an HA partner's update). */
public sealed interface Applied {
    /** Taken into the index (or already there). */
    record Taken() implements Applied {
    }

    /** Older than what this node holds for the address: ignored. */
    record Stale() implements Applied {
    }

    /** The address is leased here to another client, unexpired: refused; {@code ours} is that lease. */
    record Conflict(Lease ours) implements Applied {
    }

    /** No subnet of this node holds the address: the configs of the two nodes differ. */
    record Unknown() implements Applied {
    }
}
