package org.phoneprov.acsd.session;

import java.time.Instant;
import java.util.Optional;
import org.phoneprov.acsd.cwmp.CwmpFault;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.rpc.RpcResponse;
import org.phoneprov.common.mac.Mac;

/**
 * One RPC queued for a device: what to send, where it stands and how it ended. Immutable;
 * the {@link TaskQueue} stores a new one at each step.
 *
 * @param attempts how many sessions it was sent in; more than one means a session dropped
 *                 with it in flight
 * @param result   a short outcome for admins and events: {@code ok}, {@code status 1},
 *                 {@code 9005 Invalid parameter name}, {@code dropped 3 times}
 */
public record Task(long id, Mac device, RpcRequest rpc, TaskState state, int attempts, Optional<RpcResponse> response,
                   Optional<CwmpFault> fault, String result, Instant created, Instant updated) {

    public static Task queued(long id, Mac device, RpcRequest rpc, Instant now) {
        return new Task(id, device, rpc, TaskState.QUEUED, 0, Optional.empty(), Optional.empty(), "", now, now);
    }

    Task with(TaskState s, String why, Instant now) {
        return new Task(id, device, rpc, s, attempts, response, fault, why, created, now);
    }

    Task sent(Instant now) {
        return new Task(id, device, rpc, TaskState.SENT, attempts + 1, response, fault, "", created, now);
    }

    Task answered(TaskState s, RpcResponse r, String why, Instant now) {
        return new Task(id, device, rpc, s, attempts, Optional.of(r), fault, why, created, now);
    }

    Task faulted(CwmpFault f, Instant now) {
        return new Task(id, device, rpc, TaskState.FAILED, attempts, response, Optional.of(f), f.summary(), created, now);
    }
}
