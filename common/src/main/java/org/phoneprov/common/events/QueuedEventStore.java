package org.phoneprov.common.events;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the file log and the PostgreSQL log share for their callers: {@link #record} queues on the
 * caller's thread ({@link EventQueue}), listeners are told on the writer thread, the counts. A
 * subclass only writes what its writer takes from {@link #queue}.
 */
abstract class QueuedEventStore implements EventStore {
    final EventQueue queue = new EventQueue();
    /** Told of every batch once it is written, on the writer thread (the dashboard's live view). */
    final EventListeners listeners = new EventListeners();

    @Override
    public final void record(Event e) {
        queue.offer(e);
    }

    @Override
    public final void subscribe(Consumer<List<Event>> listener) {
        listeners.add(listener);
    }

    @Override
    public final void unsubscribe(Consumer<List<Event>> listener) {
        listeners.remove(listener);
    }

    @Override
    public final long dropped() {
        return queue.dropped();
    }

    @Override
    public final void flush() throws InterruptedException {
        queue.flush();
    }
}
