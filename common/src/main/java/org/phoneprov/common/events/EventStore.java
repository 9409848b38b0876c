package org.phoneprov.common.events;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the running suite records its events and reads them back: {@link EventLog} (files) or
 * {@code pg.PgEventLog} (a shared table), as {@link EventStores} picks. Both queue on the caller's
 * thread without waiting and write from one thread of their own; a full queue drops and counts.
 */
public interface EventStore extends EventSink, EventHistory {
    /**
     * {@code listener} gets every batch of events after it is written, on the writer thread:
     * it must be quick and must not block (hand off to its own thread).
     */
    void subscribe(Consumer<List<Event>> listener);

    void unsubscribe(Consumer<List<Event>> listener);

    /** Events not stored: the queue was full, the store was closing, or the write failed. */
    long dropped();

    /** Waits (up to 10 s) until every event accepted so far is written, or failed. */
    void flush() throws InterruptedException;

    /** Writes what is queued (waiting a few seconds at most), then stops. */
    @Override
    void close();
}
