package org.phoneprov.acsd;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.phoneprov.acsd.cwmp.FaultCode;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.TransferComplete;
import org.phoneprov.acsd.session.SessionObserver;
import org.phoneprov.acsd.session.Task;
import org.phoneprov.acsd.session.TaskState;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.mac.Mac;

/**
 * One connection's session as events (daemon {@code acsd}; action the RPC's name; file
 * {@code task N} or the Inform's event codes; result {@code sent}, {@code ok}, {@code fault
 * 9005}, ...) and metrics: what an admin reads to see which RPC a phone got and how it ended.
 */
final class AcsObserver implements SessionObserver {
    static final String DAEMON = "acsd";
    private final EventSink events;
    private final AcsMetrics metrics;
    private final InetSocketAddress client;
    private final Clock clock;

    AcsObserver(EventSink events, AcsMetrics metrics, InetSocketAddress client, Clock clock) {
        this.events = events;
        this.metrics = metrics;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void informed(Mac device, Inform inform) {
        metrics.rpc("Inform", "ok");
        String codes = inform.events().stream().map(Inform.EventStruct::code).collect(Collectors.joining(","));
        record("Inform", device, codes, "ok");
    }

    @Override
    public void sent(Task task) {
        metrics.rpc(task.rpc().method(), "sent");
        record(task.rpc().method(), task.device(), "task " + task.id(), "sent");
    }

    @Override
    public void finished(Task task) {
        String result = switch (task.state()) {
            case DONE, TRANSFERRING -> "ok";
            case FAILED -> task.fault().isPresent() ? "fault" : "failed";
            case QUEUED, SENT -> "dropped";
        };
        metrics.rpc(task.rpc().method(), result);
        String detail = task.fault().map(f -> "fault " + f.code().code())
                .orElse(task.state().name().toLowerCase(Locale.ROOT));
        record(task.rpc().method(), task.device(), "task " + task.id() + (task.result().isEmpty() ? ""
                : ": " + task.result()), task.state() == TaskState.DONE ? "ok" : detail);
    }

    @Override
    public void transferComplete(Mac device, TransferComplete tc, Optional<Task> task) {
        metrics.rpc("TransferComplete", tc.succeeded() ? "ok" : "fault");
        record("TransferComplete", device, task.map(t -> "task " + t.id()).orElse("unmatched CommandKey"),
                tc.succeeded() ? "ok" : "fault " + tc.fault().code());
    }

    @Override
    public void refused(Mac device, String message, FaultCode code, String detail) {
        record("FAULT", device, "", "fault " + code.code());
    }

    private void record(String action, Mac device, String file, String result) {
        events.record(new Event(clock.instant(), DAEMON, action, Optional.of(device), file, result, 0, 0,
                Optional.ofNullable(client)));
    }
}
