package org.phoneprov.acsd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.acsd.cwmp.CwmpFault;
import org.phoneprov.acsd.cwmp.FaultCode;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.rpc.RpcResponse;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;

class SqliteAcsStoreTest {
    static final Mac A = Mac.parse("00:14:7f:77:00:01").orElseThrow();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final List<RpcRequest> EVERY = List.of(new RpcRequest.GetRPCMethods(),
            new RpcRequest.GetParameterNames("Device.", false),
            new RpcRequest.GetParameterValues(List.of("Device.A", "Device.B.")),
            new RpcRequest.SetParameterValues(List.of(ParameterValue.string("Device.A", "x <&> y"),
                    ParameterValue.unsignedInt("Device.B", 7), ParameterValue.bool("Device.C", false)), "k1"),
            new RpcRequest.SetParameterAttributes(List.of(new RpcRequest.AttributeChange("Device.A", true, 2, false,
                    List.of("Subscriber")))),
            new RpcRequest.GetParameterAttributes(List.of("Device.A")),
            new RpcRequest.AddObject("Device.X.", "k2"), new RpcRequest.DeleteObject("Device.X.3.", "k3"),
            new RpcRequest.Reboot("r1"),
            new RpcRequest.Download("fw", RpcRequest.Download.FIRMWARE, "http://192.0.2.10/fw.bin", "u", "p", 99,
                    "fw.bin", 5, "", ""),
            new RpcRequest.FactoryReset());
    @TempDir
    Path dir;

    @Test
    void everyTaskAndWhatTheDeviceReportedSurviveAReopen() throws Exception {
        Inform inform = new Inform(new Inform.DeviceId("Gigaset", "00147F", "N510", "X1"), List.of(new Inform.EventStruct(
                Inform.BOOT, ""), new Inform.EventStruct(Inform.M_REBOOT, "r0")), 1, "2026-01-01T00:00:00Z", 2,
                List.of(ParameterValue.string("Device.ManagementServer.ParameterKey", "k0")));
        List<Task> written;
        try (SqliteAcsStore store = SqliteAcsStore.open(dir)) {
            TaskQueue q = new TaskQueue(store, CLOCK);
            EVERY.forEach(r -> q.enqueue(A, r));
            q.answered(q.next(A).orElseThrow(), new RpcResponse.GetRPCMethodsResponse(List.of("Inform")));
            q.faulted(q.next(A).orElseThrow(), new CwmpFault(FaultCode.INVALID_PARAMETER_NAME, "no such", List.of()));
            q.dropped(q.next(A).orElseThrow());
            store.informed(A, new DeviceRecord(inform, CLOCK.instant(), InetAddress.getByName("192.0.2.5"), "Device."));
            store.seen(A, List.of(ParameterValue.string("Device.DeviceInfo.UpTime", "42")));
            written = store.tasks(A);
        }
        try (SqliteAcsStore again = SqliteAcsStore.open(dir)) {
            List<Task> read = again.tasks(A);
            assertEquals(written.size(), read.size());
            for (int i = 0; i < read.size(); i++) {
                Task w = written.get(i);
                Task r = read.get(i);
                assertEquals(w.rpc(), r.rpc(), "task " + w.id());
                assertEquals(List.of(w.id(), w.state(), w.attempts(), w.result(), w.created(), w.updated()),
                        List.of(r.id(), r.state(), r.attempts(), r.result(), r.created(), r.updated()));
                assertEquals(w.fault().map(CwmpFault::code), r.fault().map(CwmpFault::code));
            }
            assertEquals(TaskState.FAILED, read.get(1).state());
            assertEquals(TaskState.QUEUED, read.get(2).state());
            DeviceRecord d = again.device(A).orElseThrow();
            assertEquals(inform, d.lastInform());
            assertEquals("Device.", d.root());
            assertEquals(InetAddress.getByName("192.0.2.5"), d.from());
            assertEquals("42", again.parameters(A).get("Device.DeviceInfo.UpTime"));
            Task next = new TaskQueue(again, CLOCK).enqueue(A, new RpcRequest.FactoryReset());
            assertEquals(EVERY.size() + 1, next.id(), "ids go on after the highest");
            assertEquals(Optional.of(next), SqliteAcsStore.open(dir).task(next.id()).map(t -> t));
        }
    }

    @Test
    void aDamagedFileIsNeverReset() throws Exception {
        Files.writeString(dir.resolve(SqliteAcsStore.FILE_NAME), "not a database at all, but someone's notes");
        StoreException e = assertThrows(StoreException.class, () -> SqliteAcsStore.open(dir));
        assertTrue(e.getMessage().contains(SqliteAcsStore.FILE_NAME), e.getMessage());
        assertEquals("not a database at all, but someone's notes",
                Files.readString(dir.resolve(SqliteAcsStore.FILE_NAME)));
    }
}
