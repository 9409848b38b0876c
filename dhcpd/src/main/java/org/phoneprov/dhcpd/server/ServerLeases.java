package org.phoneprov.dhcpd.server;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.phoneprov.dhcpd.ha.HaLeases;
import org.phoneprov.dhcpd.lease.Allocator;
import org.phoneprov.dhcpd.lease.Applied;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseStore;

/**
 * dhcpd's side of HA: the partner's leases go into the allocator on dhcpd's event loop (the
 * allocator's only thread), and, when each node has its own file, into that file before the
 * partner hears they are taken, so a lease the partner ACKs is durable on both nodes.
 */
final class ServerLeases implements HaLeases {
    private final EventLoop loop;
    private final Allocator allocator;
    private final LeaseStore store;
    private final boolean shared;

    ServerLeases(EventLoop loop, Allocator allocator, LeaseStore store, boolean shared) {
        this.loop = loop;
        this.allocator = allocator;
        this.store = store;
        this.shared = shared;
    }

    @Override
    public CompletableFuture<List<Applied>> apply(List<Lease> partnerLeases) {
        CompletableFuture<List<Applied>> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                List<Applied> results = new ArrayList<>(partnerLeases.size());
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (Lease l : partnerLeases) {
                    Applied a = allocator.apply(l);
                    results.add(a);
                    if (a instanceof Applied.Taken && !shared) {
                        writes.add(store.commit(l));
                    }
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                        .whenComplete((v, err) -> {
                            if (err != null) {
                                done.completeExceptionally(err);
                            } else {
                                done.complete(results);
                            }
                        });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<List<Lease>> snapshot() {
        return CompletableFuture.supplyAsync(allocator::snapshot, loop);
    }

    @Override
    public CompletableFuture<Integer> reloadFromStore() {
        List<Lease> rows;
        try {
            rows = store.loadAll();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(() -> {
            rows.forEach(allocator::apply);
            return rows.size();
        }, loop);
    }

    @Override
    public boolean sharedStore() {
        return shared;
    }
}
