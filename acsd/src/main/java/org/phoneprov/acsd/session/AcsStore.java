package org.phoneprov.acsd.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.common.mac.Mac;

/**
 * Where the ACS keeps what outlives a session: each device's last Inform, the parameter
 * values it has seen, and the task queue. {@link MemoryAcsStore} keeps them in memory; an
 * SQLite or PostgreSQL one implements the same calls. Implementations are thread-safe: sessions
 * of different devices run on different event-loop threads.
 */
public interface AcsStore {
    /** Adds a task for {@code device}; {@code make} builds it from its new id (keys name the id). */
    Task add(Mac device, LongFunction<Task> make);

    void update(Task task);

    Optional<Task> task(long id);

    /** The device's tasks, oldest first. */
    List<Task> tasks(Mac device);

    void informed(Mac device, DeviceRecord record);

    Optional<DeviceRecord> device(Mac device);

    /** Every device the ACS has heard from, by MAC. */
    java.util.SortedSet<Mac> devices();

    /** Remembers values the device reported (Inform, GetParameterValues), replacing older ones by name. */
    void seen(Mac device, List<ParameterValue> values);

    Map<String, String> parameters(Mac device);
}
