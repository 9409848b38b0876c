package org.phoneprov.acsd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.acsd.cwmp.CwmpFault;
import org.phoneprov.acsd.cwmp.FaultCode;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.cwmp.TransferComplete;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.rpc.RpcResponse;
import org.phoneprov.common.mac.Mac;

class TaskQueueTest {
    static final Mac A = Mac.parse("00:14:7f:77:00:01").orElseThrow();
    static final Mac B = Mac.parse("00:14:7f:77:00:02").orElseThrow();
    final TaskQueue queue = new TaskQueue(new MemoryAcsStore(), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
            ZoneOffset.UTC));

    static Inform inform(List<Inform.EventStruct> events, List<ParameterValue> params) {
        return new Inform(new Inform.DeviceId("Gigaset", "00147F", "N510", "1"), events, 1, "", 0, params);
    }

    @Test
    void oneDevicesTasksGoOutInOrderAndOthersWait() {
        Task first = queue.enqueue(A, new RpcRequest.GetRPCMethods());
        Task second = queue.enqueue(A, new RpcRequest.Reboot(""));
        queue.enqueue(B, new RpcRequest.FactoryReset());
        assertEquals("phoneprov-" + second.id(), second.rpc().key(), "a Reboot without a CommandKey gets one");
        Task sent = queue.next(A).orElseThrow();
        assertEquals(first.id(), sent.id());
        assertEquals(TaskState.SENT, sent.state());
        assertEquals(1, sent.attempts());
        Task done = queue.answered(sent, new RpcResponse.GetRPCMethodsResponse(List.of("Reboot")));
        assertEquals(TaskState.DONE, done.state());
        assertEquals(second.id(), queue.next(A).orElseThrow().id());
        assertTrue(queue.next(A).isEmpty(), "one in flight, nothing else queued");
        assertEquals(1, queue.store().tasks(B).size());
    }

    @Test
    void aFaultIsTheTasksResult() {
        queue.enqueue(A, new RpcRequest.SetParameterValues(List.of(ParameterValue.string("Device.X", "1")), "k"));
        Task t = queue.faulted(queue.next(A).orElseThrow(), new CwmpFault(FaultCode.INVALID_PARAMETER_NAME, "", List.of()));
        assertEquals(TaskState.FAILED, t.state());
        assertEquals("9005 Invalid parameter name", t.result());
        assertEquals(TaskState.FAILED, queue.store().task(t.id()).orElseThrow().state());
    }

    @Test
    void aDroppedTaskIsQueuedAgainThenGivenUp() {
        queue.enqueue(A, new RpcRequest.GetParameterValues(List.of("Device.")));
        for (int i = 1; i < TaskQueue.MAX_ATTEMPTS; i++) {
            Task back = queue.dropped(queue.next(A).orElseThrow());
            assertEquals(TaskState.QUEUED, back.state());
            assertEquals(i, back.attempts());
        }
        Task gone = queue.dropped(queue.next(A).orElseThrow());
        assertEquals(TaskState.FAILED, gone.state());
        assertTrue(gone.result().startsWith("dropped in flight 3 times"), gone.result());
        assertTrue(queue.next(A).isEmpty());
    }

    /** Queues {@code rpc}, sends it in a session that drops with it in flight. */
    Task sendAndDrop(RpcRequest rpc) {
        Task sent = queue.enqueue(A, rpc).sent(Instant.EPOCH);
        queue.store().update(sent);
        return queue.dropped(sent);
    }

    @Test
    void theNextInformShowsWhatADroppedSessionDidAlready() {
        Task reboot = sendAndDrop(new RpcRequest.Reboot("r1"));
        Task spv = sendAndDrop(new RpcRequest.SetParameterValues(List.of(), "spv-9"));
        Task other = sendAndDrop(new RpcRequest.SetParameterValues(List.of(), "spv-10"));
        Task reset = queue.enqueue(A, new RpcRequest.FactoryReset());
        Task never = queue.enqueue(A, new RpcRequest.Reboot("r1-again"));
        Inform after = inform(List.of(new Inform.EventStruct(Inform.BOOT, ""),
                new Inform.EventStruct(Inform.M_REBOOT, "r1")),
                List.of(ParameterValue.string("Device.ManagementServer.ParameterKey", "spv-9")));
        List<Task> closed = queue.reconcile(A, after);
        assertEquals(List.of(reboot.id(), spv.id()), closed.stream().map(Task::id).toList());
        assertEquals("rebooted (M Reboot)", queue.store().task(reboot.id()).orElseThrow().result());
        assertEquals(TaskState.QUEUED, queue.store().task(other.id()).orElseThrow().state(), "no proof: sent again");
        assertEquals(TaskState.QUEUED, queue.store().task(reset.id()).orElseThrow().state(), "never sent");
        assertEquals(TaskState.QUEUED, queue.store().task(never.id()).orElseThrow().state());
        assertEquals(other.id(), queue.next(A).orElseThrow().id());
    }

    @Test
    void aFactoryResetShowsAsABootstrap() {
        Task reset = sendAndDrop(new RpcRequest.FactoryReset());
        queue.reconcile(A, inform(List.of(new Inform.EventStruct(Inform.BOOTSTRAP, "")), List.of()));
        assertEquals(TaskState.DONE, queue.store().task(reset.id()).orElseThrow().state());
    }

    @Test
    void aDownloadEndsWithTheTransferCompleteOfItsCommandKey() {
        RpcRequest.Download fw = new RpcRequest.Download("", RpcRequest.Download.FIRMWARE, "http://192.0.2.10/fw.bin",
                "u", "p", 10, "fw.bin", 0, "", "");
        Task d = queue.enqueue(A, fw);
        String key = d.rpc().key();
        Task started = queue.answered(queue.next(A).orElseThrow(), new RpcResponse.DownloadResponse(1, "", ""));
        assertEquals(TaskState.TRANSFERRING, started.state());
        assertTrue(queue.transferComplete(A, new TransferComplete("other", FaultCode.valueOf(0), "", "", "")).isEmpty());
        assertTrue(queue.transferComplete(B, new TransferComplete(key, FaultCode.valueOf(0), "", "", "")).isEmpty());
        Task done = queue.transferComplete(A, new TransferComplete(key, FaultCode.valueOf(0), "", "", "")).orElseThrow();
        assertEquals(TaskState.DONE, done.state());

        Task d2 = sendAndDrop(fw.withKey("fw-2"));
        queue.reconcile(A, inform(List.of(new Inform.EventStruct(Inform.M_DOWNLOAD, "fw-2")), List.of()));
        assertEquals(TaskState.TRANSFERRING, queue.store().task(d2.id()).orElseThrow().state());
        Task failed = queue.transferComplete(A, new TransferComplete("fw-2", FaultCode.CONTACT_FAILURE, "", "", ""))
                .orElseThrow();
        assertEquals(TaskState.FAILED, failed.state());
        assertEquals("transfer failed: 9015 File transfer failure: unable to contact file server", failed.result());
    }

    @Test
    void statusOneMeansAppliedAfterAReboot() {
        queue.enqueue(A, new RpcRequest.SetParameterValues(List.of(), "k"));
        Task t = queue.answered(queue.next(A).orElseThrow(), new RpcResponse.SetParameterValuesResponse(1));
        assertEquals(TaskState.DONE, t.state());
        assertTrue(t.result().contains("status 1"), t.result());
    }
}
