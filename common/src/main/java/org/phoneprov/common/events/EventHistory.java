package org.phoneprov.common.events;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event history as the tools read it ({@code phoneprov events}, the API, the dashboard's
 * device states): the segment files under {@code paths.state} or the shared PostgreSQL table,
 * picked by {@link EventStores}. Close what {@link EventStores#reader} opened (a database pool).
 */
public interface EventHistory extends AutoCloseable {
    /** The last {@code q.limit()} events that match {@code q}, oldest first. */
    List<Event> read(EventQuery q) throws IOException;

    /** Every event, oldest first, handed over one at a time: nothing is kept. */
    void scan(Consumer<Event> each) throws IOException;

    @Override
    default void close() {
    }
}
