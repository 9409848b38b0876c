package org.phoneprov.common.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who is told of each written batch (the dashboard's live view), on the writer thread. */
final class EventListeners {
    private static final Logger LOG = LoggerFactory.getLogger(EventListeners.class);
    private final List<Consumer<List<Event>>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<List<Event>> l) {
        listeners.add(l);
    }

    void remove(Consumer<List<Event>> l) {
        listeners.remove(l);
    }

    /** A listener that throws is logged and skipped; the others are still told. */
    void tell(List<Event> batch) {
        if (listeners.isEmpty()) {
            return;
        }
        List<Event> copy = List.copyOf(batch);
        for (Consumer<List<Event>> l : listeners) {
            try {
                l.accept(copy);
            } catch (RuntimeException e) {
                LOG.warn("events.listener_failed listener={} error=\"{}\"", l.getClass().getName(), e.toString());
            }
        }
    }
}
