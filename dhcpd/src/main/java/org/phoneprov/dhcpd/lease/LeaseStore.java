package org.phoneprov.dhcpd.lease;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.phoneprov.common.events.StoreException;

/**
 * Durable lease storage, apart from allocation (like Kea's LeaseMgr): the {@link Allocator}
 * decides, the store remembers. One row per address; a commit replaces the row.
 */
public interface LeaseStore extends AutoCloseable {

    /** Every stored row, in no particular order; used once at start to fill the allocator. */
    List<Lease> loadAll() throws StoreException;

    /**
     * Queues the lease for writing. The future completes once the lease is durable
     * (fsync'd), or exceptionally (with a {@link StoreException}) if it could not be written,
     * the queue is full, or the store is closed. Send the DHCPACK only after it completes.
     * It may complete on the store's own thread: continue on your executor (e.g. the event loop).
     */
    CompletableFuture<Void> commit(Lease lease);

    /**
     * As {@link #commit}, replacing whatever the store holds for the address: for a device's
     * fixed address, where the inventory wins over another client's lease. A store one node
     * owns replaces rows anyway; a shared one otherwise refuses an address leased to another client.
     */
    default CompletableFuture<Void> commitOver(Lease lease) {
        return commit(lease);
    }

    /** Writes what is queued, then releases the file. Later commits fail. */
    @Override
    void close();
}
