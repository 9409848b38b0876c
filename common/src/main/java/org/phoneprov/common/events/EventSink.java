package org.phoneprov.common.events;

/**
 * Where events go. {@link #record} is called on network threads, so an implementation
 * must not block: it queues, and drops (counting) when it cannot keep up.
 */
public interface EventSink {
    void record(Event e);

    EventSink NONE = e -> { };
}
