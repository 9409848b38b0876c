package org.phoneprov.acsd.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.common.mac.Mac;

/**
 * The {@link AcsStore} in memory: lost on restart, so queued tasks are too (until a
 * persistent store is configured). One lock; every call is a few map operations.
 */
public final class MemoryAcsStore implements AcsStore {
    /** By id, which is the order they were queued in, also after a restore. */
    private final Map<Long, Task> tasks = new TreeMap<>();
    private final Map<Mac, DeviceRecord> devices = new HashMap<>();
    private final Map<Mac, Map<String, String>> parameters = new HashMap<>();
    private long nextId = 1;

    /** Puts back a task read from a persistent store; new ids continue after the highest. */
    synchronized void restore(Task t) {
        tasks.put(t.id(), t);
        nextId = Math.max(nextId, t.id() + 1);
    }

    /** Takes back a task whose write failed. */
    synchronized void forget(long id) {
        tasks.remove(id);
    }

    @Override
    public synchronized Task add(Mac device, LongFunction<Task> make) {
        Task t = make.apply(nextId++);
        tasks.put(t.id(), t);
        return t;
    }

    @Override
    public synchronized void update(Task task) {
        if (!tasks.containsKey(task.id())) {
            throw new IllegalArgumentException("no task " + task.id());
        }
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized Optional<Task> task(long id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public synchronized List<Task> tasks(Mac device) {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks.values()) {
            if (t.device().equals(device)) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public synchronized void informed(Mac device, DeviceRecord record) {
        devices.put(device, record);
    }

    @Override
    public synchronized java.util.SortedSet<Mac> devices() {
        return new java.util.TreeSet<>(devices.keySet());
    }

    @Override
    public synchronized Optional<DeviceRecord> device(Mac device) {
        return Optional.ofNullable(devices.get(device));
    }

    @Override
    public synchronized void seen(Mac device, List<ParameterValue> values) {
        Map<String, String> m = parameters.computeIfAbsent(device, d -> new TreeMap<>());
        values.forEach(v -> m.put(v.name(), v.value()));
    }

    @Override
    public synchronized Map<String, String> parameters(Mac device) {
        return Map.copyOf(parameters.getOrDefault(device, Map.of()));
    }
}
