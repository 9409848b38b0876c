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

    /**
     * Takes in the device's tasks another process queued in the same store since it was read
     * ({@code phoneprov acs reboot ...}); called as a session of the device starts. A store only
     * this process writes has nothing to take in.
     */
    default void refresh(Mac device) {
    }

    /**
     * Queues a task from another process than the running acsd (a command-line tool), for the
     * daemon to take in at the device's next session ({@link #refresh}); a store no other process
     * shares just queues it.
     */
    default Task queueFromOutside(Mac device, org.phoneprov.acsd.rpc.RpcRequest rpc, String keyPrefix,
                                  java.time.Instant now) {
        return add(device, id -> Task.queued(id, device, rpc.key().isEmpty() ? rpc.withKey(keyPrefix + id) : rpc, now));
    }

    /** A task as the store holds it now, read again (a tool waiting for the daemon to finish it). */
    default Optional<Task> reread(long id) {
        return task(id);
    }

    /** Every device the ACS has heard from, by MAC. */
    java.util.SortedSet<Mac> devices();

    /** Remembers values the device reported (Inform, GetParameterValues), replacing older ones by name. */
    void seen(Mac device, List<ParameterValue> values);

    Map<String, String> parameters(Mac device);
}
