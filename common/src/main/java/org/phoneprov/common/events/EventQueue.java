package org.phoneprov.common.events;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * What lies between the network threads and an event store's one writer thread: a lock-free
 * queue of at most {@link #CAPACITY} events (a full one drops and counts, it never waits) and the
 * counts that {@code flush} and the {@code events.dropped} line read. Shared by the file log and
 * the PostgreSQL one, so both behave alike for a caller.
 */
final class EventQueue {
    static final int CAPACITY = 65_536;
    /** The writer sleeps this long when the queue is empty, then takes what came. */
    static final long DRAIN_MILLIS = 20;
    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Lock-free: network threads only CAS here, they never wait for the writer or for each other. */
    private final Queue<Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;
    private long lastReported;
    private long lastReportAt = System.nanoTime() - REPORT_NANOS;

    /** Called on network threads: queues {@code e}, or counts it dropped when full or closing. */
    void offer(Event e) {
        if (closing) {
            dropped.incrementAndGet();
            return;
        }
        if (queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(e);
        accepted.incrementAndGet();
    }

    /**
     * The writer's wait: sleep-and-drain rather than a blocking poll, since a writer parked on the
     * queue would be woken (a futex call) by nearly every event, costing the network threads more
     * than the write itself. Then moves up to {@code max} events into {@code batch}.
     */
    void awaitBatch(List<Event> batch, int max) throws InterruptedException {
        if (queue.isEmpty()) {
            Thread.sleep(DRAIN_MILLIS);
        }
        Event next;
        int n = 0;
        while (n < max && (next = queue.poll()) != null) {
            batch.add(next);
            n++;
        }
        queued.addAndGet(-n);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Whether the writer should keep going: not closing, or events still queued. */
    boolean running() {
        return !closing || !queue.isEmpty();
    }

    void close() {
        closing = true;
    }

    /** {@code n} events were written. */
    void written(int n) {
        handled.addAndGet(n);
    }

    /** {@code n} taken events could not be written: dropped, and no longer waited for. */
    void lost(int n) {
        dropped.addAndGet(n);
        handled.addAndGet(n);
    }

    long dropped() {
        return dropped.get();
    }

    /** Waits (up to 10 s) until every event accepted so far is written or lost. */
    void flush() throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handled.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** On the writer thread: tells {@code report} the total dropped when it grew, at most every 10 s. */
    void reportDrops(LongConsumer report) {
        long d = dropped.get();
        if (d != lastReported && System.nanoTime() - lastReportAt >= REPORT_NANOS) {
            report.accept(d);
            lastReported = d;
            lastReportAt = System.nanoTime();
        }
    }
}
