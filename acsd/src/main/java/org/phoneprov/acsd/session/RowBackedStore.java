package org.phoneprov.acsd.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.common.mac.Mac;

/**
 * An {@link AcsStore} kept as {@link AcsRows} in a database (SQLite file or PostgreSQL): every
 * row is read into a {@link MemoryAcsStore} at open, which answers every read; each change is
 * written (and committed) first, then kept in memory, so a task queued survives a restart and a
 * task the ACS saw answered is never sent again after one.
 */
abstract class RowBackedStore implements AcsStore {
    /** One row of the {@code acs} table. */
    record Row(String kind, Mac mac, String name, String value) {
    }

    protected final MemoryAcsStore copy = new MemoryAcsStore();

    /** Writes the rows in one transaction, durable when it returns; else throws {@link AcsStoreException}. */
    protected abstract void write(List<Row> rows);

    /** The rows a query ({@link AcsRows#SELECT_TASKS} or {@link AcsRows#SELECT_TASK}) finds for {@code key}. */
    protected abstract List<Row> query(String sql, String key);

    @Override
    public synchronized void refresh(Mac device) {
        for (Row r : query(AcsRows.SELECT_TASKS, device.hex())) {
            Task t = AcsRows.task(r.value());
            if (copy.task(t.id()).isEmpty()) {
                copy.restore(t); // queued by another process; ours we know better than the file
            }
        }
    }

    @Override
    public Optional<Task> reread(long id) {
        return query(AcsRows.SELECT_TASK, Long.toString(id)).stream().findFirst().map(r -> AcsRows.task(r.value()));
    }

    /**
     * Queues a task from another process than the running acsd (a command-line tool): written to
     * the store only, with an id from the clock (far above the daemon's counter, so the two never
     * meet), for the daemon to take in at the device's next session ({@link #refresh}).
     */
    @Override
    public synchronized Task queueFromOutside(Mac device, org.phoneprov.acsd.rpc.RpcRequest rpc, String keyPrefix,
                                              java.time.Instant now) {
        long id = (now.toEpochMilli() << 8) | java.util.concurrent.ThreadLocalRandom.current().nextInt(256);
        Task t = Task.queued(id, device, rpc.key().isEmpty() ? rpc.withKey(keyPrefix + id) : rpc, now);
        write(List.of(new Row(AcsRows.TASK, device, Long.toString(id), AcsRows.task(t))));
        return t;
    }

    /** A row read at open. */
    protected final void restore(String kind, Mac mac, String name, String value) {
        switch (kind) {
            case AcsRows.TASK -> copy.restore(AcsRows.task(value));
            case AcsRows.DEVICE -> copy.informed(mac, AcsRows.device(value));
            case AcsRows.PARAM -> copy.seen(mac, List.of(ParameterValue.string(name, value)));
            default -> {
                // a kind a newer phoneprov wrote; kept, not read
            }
        }
    }

    @Override
    public synchronized Task add(Mac device, LongFunction<Task> make) {
        Task t = copy.add(device, make);
        try {
            write(List.of(new Row(AcsRows.TASK, device, Long.toString(t.id()), AcsRows.task(t))));
        } catch (AcsStoreException e) {
            copy.forget(t.id());
            throw e;
        }
        return t;
    }

    @Override
    public synchronized void update(Task task) {
        if (copy.task(task.id()).isEmpty()) {
            throw new IllegalArgumentException("no task " + task.id());
        }
        write(List.of(new Row(AcsRows.TASK, task.device(), Long.toString(task.id()), AcsRows.task(task))));
        copy.update(task);
    }

    @Override
    public Optional<Task> task(long id) {
        return copy.task(id);
    }

    @Override
    public List<Task> tasks(Mac device) {
        return copy.tasks(device);
    }

    @Override
    public synchronized void informed(Mac device, DeviceRecord record) {
        write(List.of(new Row(AcsRows.DEVICE, device, "", AcsRows.device(record))));
        copy.informed(device, record);
    }

    @Override
    public java.util.SortedSet<Mac> devices() {
        return copy.devices();
    }

    @Override
    public Optional<DeviceRecord> device(Mac device) {
        return copy.device(device);
    }

    @Override
    public synchronized void seen(Mac device, List<ParameterValue> values) {
        write(values.stream().map(v -> new Row(AcsRows.PARAM, device, v.name(), v.value())).toList());
        copy.seen(device, values);
    }

    @Override
    public Map<String, String> parameters(Mac device) {
        return copy.parameters(device);
    }
}
