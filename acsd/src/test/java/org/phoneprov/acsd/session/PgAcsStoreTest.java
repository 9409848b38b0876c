package org.phoneprov.acsd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.rpc.RpcResponse;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.pg.PgDatabase;
import org.phoneprov.testsupport.PgServerPerClass;

/** acsd's tasks and state in PostgreSQL (migration V4) against a real server from Debian's package. */
class PgAcsStoreTest {
    @RegisterExtension
    static final PgServerPerClass PG = new PgServerPerClass("phoneprov", "acs pw");

    static StoreSettings migrated() throws StoreException {
        StoreSettings s = PG.newStore("acs");
        try (PgDatabase db = PgDatabase.connect(s, "test")) {
            db.migrate();
        }
        return s;
    }

    @Test
    void everyTaskAndWhatTheDeviceReportedSurviveARestartOfTheNode() throws Exception {
        StoreSettings s = migrated();
        Inform inform = new Inform(new Inform.DeviceId("Gigaset", "00147F", "N510", "X1"), List.of(
                new Inform.EventStruct(Inform.BOOT, "")), 1, "2026-01-01T00:00:00Z", 0, List.of());
        List<Task> written;
        try (PgAcsStore store = PgAcsStore.open(s)) {
            TaskQueue q = new TaskQueue(store, SqliteAcsStoreTest.CLOCK);
            SqliteAcsStoreTest.EVERY.forEach(r -> q.enqueue(SqliteAcsStoreTest.A, r));
            q.answered(q.next(SqliteAcsStoreTest.A).orElseThrow(),
                    new RpcResponse.GetRPCMethodsResponse(List.of("Inform")));
            store.informed(SqliteAcsStoreTest.A, new DeviceRecord(inform, SqliteAcsStoreTest.CLOCK.instant(),
                    InetAddress.getByName("192.0.2.5"), "Device."));
            store.seen(SqliteAcsStoreTest.A, List.of(ParameterValue.string(
                    "Device.ManagementServer.ConnectionRequestURL", "http://192.0.2.5:7547/cr")));
            written = store.tasks(SqliteAcsStoreTest.A);
        }
        try (PgAcsStore again = PgAcsStore.open(s)) {
            List<Task> read = again.tasks(SqliteAcsStoreTest.A);
            assertEquals(written.stream().map(Task::rpc).toList(), read.stream().map(Task::rpc).toList());
            assertEquals(written.stream().map(Task::state).toList(), read.stream().map(Task::state).toList());
            assertEquals("Device.", again.device(SqliteAcsStoreTest.A).orElseThrow().root());
            assertEquals("http://192.0.2.5:7547/cr", again.parameters(SqliteAcsStoreTest.A)
                    .get("Device.ManagementServer.ConnectionRequestURL"));
            TaskQueue q = new TaskQueue(again, SqliteAcsStoreTest.CLOCK);
            Task next = q.enqueue(SqliteAcsStoreTest.A, new RpcRequest.Reboot(""));
            assertTrue(read.stream().noneMatch(t -> t.id() == next.id()), "a new task never reuses an id");
        }
    }

    @Test
    void whileTheDatabaseIsAwayAWriteFailsAndNothingHalfKept() throws Exception {
        StoreSettings s = migrated();
        try (PgAcsStore store = PgAcsStore.open(s)) {
            PG.server().stop();
            try {
                TaskQueue q = new TaskQueue(store, SqliteAcsStoreTest.CLOCK);
                assertThrows(AcsStoreException.class, () -> q.enqueue(SqliteAcsStoreTest.A, new RpcRequest.Reboot("")));
                assertEquals(List.of(), store.tasks(SqliteAcsStoreTest.A), "a task not stored is not queued");
            } finally {
                PG.server().startAgain();
            }
        }
    }

    @Test
    void anUnmigratedDatabaseIsRefused() {
        StoreSettings s = PG.newStore("bare");
        StoreException e = assertThrows(StoreException.class, () -> PgAcsStore.open(s));
        assertTrue(e.getMessage().contains("phoneprov db migrate"), e.getMessage());
    }
}
