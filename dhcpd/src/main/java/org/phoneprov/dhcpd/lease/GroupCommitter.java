package org.phoneprov.dhcpd.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.phoneprov.common.events.StoreException;

/**
 * The one committer thread of a lease store, with group commit: it takes every queued lease,
 * has the store write them all in one transaction and completes all their futures after that
 * one commit (one fsync). So N concurrent ACKs cost one fsync and durability does not cap the
 * lease rate. The SQLite and the PostgreSQL store differ only in how a batch is written.
 *
 * <p>The queue is bounded; when it is full, {@link #commit} fails at once, so the server drops
 * or NAKs rather than ACK a lease it cannot keep. Futures complete on the committer thread.
 */
final class GroupCommitter {
    static final long LINGER_NANOS = 2_000_000;

    /**
     * Writes a batch in one transaction and returns once it is durable; else throws, nothing kept.
     * Returns the leases it refused, by their index in the batch: an ACTIVE lease whose address a
     * shared store holds for another client (the rest of the batch is kept). Rows whose index is
     * set in {@code over} replace what is stored whatever it is (a fixed address: the inventory wins).
     */
    interface BatchWriter {
        Map<Integer, LeaseConflict> write(List<Lease> batch, java.util.BitSet over) throws StoreException;
    }

    private record Pending(Lease lease, CompletableFuture<Void> done, boolean over) {
    }

    private static final Pending STOP = new Pending(null, null, false);

    private final String where;
    private final String slowPart;
    private final int capacity;
    private final BatchWriter writer;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final Object admission = new Object();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private boolean closing; // guarded by admission

    /**
     * @param where    the store, as messages name it (its file or database URL)
     * @param slowPart what is not keeping up when the queue is full ("the disk", "the database")
     */
    GroupCommitter(String where, String slowPart, int capacity, BatchWriter writer) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
        }
        this.where = where;
        this.slowPart = slowPart;
        this.capacity = capacity;
        this.writer = writer;
        this.queue = new LinkedBlockingQueue<>(capacity + 1); // + 1: room for STOP
        this.thread = new Thread(this::run, "lease-committer");
        this.thread.setDaemon(true); // close() drains; a daemon never blocks JVM exit
    }

    void start() {
        thread.start();
    }

    CompletableFuture<Void> commit(Lease lease) {
        return commit(lease, false);
    }

    /** @param over replace the stored row even if another client's lease is there ({@link LeaseStore#commitOver}) */
    CompletableFuture<Void> commit(Lease lease, boolean over) {
        Objects.requireNonNull(lease, "lease");
        Pending p = new Pending(lease, new CompletableFuture<>(), over);
        synchronized (admission) {
            if (closing) {
                return CompletableFuture.failedFuture(
                        new StoreException("lease store " + where + " is closed; lease not written", null));
            }
            if (queue.remainingCapacity() <= 1 || !queue.offer(p)) {
                rejected.incrementAndGet();
                return CompletableFuture.failedFuture(new StoreException("lease queue full: " + capacity
                        + " leases are waiting for " + where + "; " + slowPart + " is not keeping up", null));
            }
        }
        return p.done;
    }

    long transactionCount() {
        return transactions.get();
    }

    long committedCount() {
        return committed.get();
    }

    long rejectedCount() {
        return rejected.get();
    }

    /** Writes what is queued, then stops the thread; later commits fail. Idempotent. */
    void close() {
        synchronized (admission) {
            if (closing) {
                join();
                return;
            }
            closing = true;
        }
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(STOP); // after every admitted lease, so they are all written first
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        join();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread; close() stops it with STOP
            }
            batch.add(first);
            if (first != STOP) {
                // Linger a moment so a busy second's ACKs share fsyncs: at 10,000 leases/s a
                // batch per 2 ms is 20 leases per fsync instead of one or two, and a lone
                // phone waits 2 ms more for its ACK.
                LockSupport.parkNanos(LINGER_NANOS);
            }
            queue.drainTo(batch);
            // STOP is always last: nothing is admitted after it.
            boolean stop = batch.get(batch.size() - 1) == STOP;
            if (stop) {
                batch.remove(batch.size() - 1);
            }
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            }
            if (stop) {
                return;
            }
        }
    }

    private void write(List<Pending> batch) {
        Map<Integer, LeaseConflict> refused;
        try {
            java.util.BitSet over = new java.util.BitSet();
            for (int i = 0; i < batch.size(); i++) {
                over.set(i, batch.get(i).over());
            }
            refused = writer.write(batch.stream().map(Pending::lease).toList(), over);
        } catch (StoreException | RuntimeException e) {
            StoreException failure = e instanceof StoreException se ? se
                    : new StoreException("writing leases to " + where + " failed: " + e, e);
            for (Pending p : batch) {
                p.done.completeExceptionally(failure);
            }
            return;
        }
        transactions.incrementAndGet();
        committed.addAndGet(batch.size() - refused.size());
        for (int i = 0; i < batch.size(); i++) {
            LeaseConflict c = refused.get(i);
            if (c == null) {
                batch.get(i).done.complete(null);
            } else {
                batch.get(i).done.completeExceptionally(c);
            }
        }
    }
}
