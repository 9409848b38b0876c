package org.phoneprov.dhcpd.ha;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.phoneprov.dhcpd.lease.Applied;
import org.phoneprov.dhcpd.lease.Lease;

/**
 * What the HA node asks of this node's dhcpd, which owns the allocator on its event loop: the
 * futures complete once the work is done there (and, for a partner's leases kept in this
 * node's own file, once they are durable).
 */
public interface HaLeases {
    /** Takes the partner's leases into the allocator; stores those taken unless the store is shared. */
    CompletableFuture<List<Applied>> apply(List<Lease> partnerLeases);

    /** Every unexpired lease and declined hold this node holds, for the partner's sync. */
    CompletableFuture<List<Lease>> snapshot();

    /** The shared database's rows, taken into the allocator (a sync when both nodes share one store). */
    CompletableFuture<Integer> reloadFromStore();

    /** Whether both nodes write one store (PostgreSQL): then the table, not the partner, is the truth. */
    boolean sharedStore();
}
