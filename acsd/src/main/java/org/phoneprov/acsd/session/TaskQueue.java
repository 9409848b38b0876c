package org.phoneprov.acsd.session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phoneprov.acsd.cwmp.CwmpFault;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.TransferComplete;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.rpc.RpcResponse;
import org.phoneprov.common.mac.Mac;

/**
 * Each device's tasks, one at a time, in the order they were queued, over an {@link AcsStore}.
 * The rules for a session that drops with a task in flight live here: the task goes back to
 * the queue (not lost), and before it is sent again the next Inform is checked for proof that
 * the CPE did it already (not done twice): "M Reboot" or "M Download" with its CommandKey
 * (TR-069 Amendment 6, A.3.3.1 event codes), ManagementServer.ParameterKey equal to its
 * ParameterKey (A.3.2.1), "0 BOOTSTRAP" after a FactoryReset. A task dropped
 * {@value #MAX_ATTEMPTS} times fails rather than loop forever. Thread-safe: a device that opens a
 * second session while its first lingers must not get the same task twice, so each step that
 * reads a task and writes it back holds the queue's lock.
 */
public final class TaskQueue {
    public static final int MAX_ATTEMPTS = 3;
    /** A CommandKey or ParameterKey is at most 32 characters (A.3.2.1, A.3.2.9). */
    static final String KEY_PREFIX = "phoneprov-";

    private final AcsStore store;
    private final Clock clock;

    public TaskQueue(AcsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public AcsStore store() {
        return store;
    }

    /** Queues {@code rpc}; one without a CommandKey or ParameterKey gets {@code phoneprov-<id>}, to be matched later. */
    public Task enqueue(Mac device, RpcRequest rpc) {
        return enqueue(device, rpc, KEY_PREFIX);
    }

    /** Queues {@code rpc}; without a key it gets {@code <keyPrefix><id>}. */
    public Task enqueue(Mac device, RpcRequest rpc, String keyPrefix) {
        return store.add(device, id -> Task.queued(id, device, rpc.key().isEmpty() ? rpc.withKey(keyPrefix + id) : rpc,
                clock.instant()));
    }

    /** The device's oldest queued task, now marked sent; empty when nothing waits. */
    public synchronized Optional<Task> next(Mac device) {
        for (Task t : store.tasks(device)) {
            if (t.state() == TaskState.QUEUED) {
                Task sent = t.sent(clock.instant());
                store.update(sent);
                return Optional.of(sent);
            }
        }
        return Optional.empty();
    }

    /** The CPE answered; a Download with Status 1 now waits for its TransferComplete. */
    public synchronized Task answered(Task t, RpcResponse r) {
        String why = "ok";
        TaskState s = TaskState.DONE;
        if (r instanceof RpcResponse.DownloadResponse d && d.status() == 1) {
            s = TaskState.TRANSFERRING;
            why = "transfer started";
        } else if (r instanceof RpcResponse.SetParameterValuesResponse v && v.status() == 1
                || r instanceof RpcResponse.AddObjectResponse a && a.status() == 1
                || r instanceof RpcResponse.DeleteObjectResponse o && o.status() == 1) {
            why = "ok, applies after a reboot (status 1)";
        }
        Task done = t.answered(s, r, why, clock.instant());
        store.update(done);
        return done;
    }

    public synchronized Task faulted(Task t, CwmpFault f) {
        Task failed = t.faulted(f, clock.instant());
        store.update(failed);
        return failed;
    }

    /** The session ended with {@code t} sent and unanswered. */
    public synchronized Task dropped(Task t) {
        Task back = t.attempts() >= MAX_ATTEMPTS
                ? t.with(TaskState.FAILED, "dropped in flight " + t.attempts() + " times", clock.instant())
                : t.with(TaskState.QUEUED, "session dropped in flight; sent again next session", clock.instant());
        store.update(back);
        return back;
    }

    /** The Download a TransferComplete reports on, by CommandKey (A.3.3.2), now done or failed. */
    public synchronized Optional<Task> transferComplete(Mac device, TransferComplete tc) {
        for (Task t : store.tasks(device)) {
            boolean download = t.rpc() instanceof RpcRequest.Download && t.rpc().key().equals(tc.commandKey());
            // SENT or queued-after-a-drop too: the DownloadResponse may be what the dropped session lost.
            boolean waiting = t.state() == TaskState.TRANSFERRING || t.state() == TaskState.SENT || uncertain(t);
            if (download && waiting) {
                Task end = t.with(tc.succeeded() ? TaskState.DONE : TaskState.FAILED, tc.succeeded() ? "transferred"
                        : "transfer failed: " + tc.fault().code() + " " + (tc.faultString().isEmpty()
                        ? tc.fault().text() : tc.faultString()), clock.instant());
                store.update(end);
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }

    /**
     * Before anything is sent in a new session: tasks that were in flight when a session
     * dropped and that this Inform shows done are closed instead of sent again.
     */
    public synchronized List<Task> reconcile(Mac device, Inform inform) {
        List<Task> closed = new ArrayList<>();
        Optional<String> parameterKey = inform.parameters().stream()
                .filter(p -> p.name().endsWith(".ManagementServer.ParameterKey")).map(p -> p.value()).findFirst();
        for (Task t : store.tasks(device)) {
            if (!uncertain(t)) {
                continue;
            }
            String key = t.rpc().key();
            Optional<Task> end = Optional.empty();
            if (t.rpc() instanceof RpcRequest.Reboot && inform.commandKeys(Inform.M_REBOOT).contains(key)) {
                end = Optional.of(t.with(TaskState.DONE, "rebooted (M Reboot)", clock.instant()));
            } else if (t.rpc() instanceof RpcRequest.Download && inform.commandKeys(Inform.M_DOWNLOAD).contains(key)) {
                end = Optional.of(t.with(TaskState.TRANSFERRING, "transfer started (M Download)", clock.instant()));
            } else if (t.rpc() instanceof RpcRequest.FactoryReset && inform.has(Inform.BOOTSTRAP)) {
                end = Optional.of(t.with(TaskState.DONE, "reset (0 BOOTSTRAP)", clock.instant()));
            } else if ((t.rpc() instanceof RpcRequest.SetParameterValues || t.rpc() instanceof RpcRequest.AddObject
                    || t.rpc() instanceof RpcRequest.DeleteObject) && parameterKey.filter(key::equals).isPresent()) {
                end = Optional.of(t.with(TaskState.DONE, "applied (ParameterKey " + key + ")", clock.instant()));
            }
            end.ifPresent(e -> {
                store.update(e);
                closed.add(e);
            });
        }
        return closed;
    }

    /** Queued again after a session dropped with it in flight: the CPE may have done it. */
    private static boolean uncertain(Task t) {
        return t.state() == TaskState.QUEUED && t.attempts() > 0;
    }
}
