package org.phoneprov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.session.DeviceRecord;
import org.phoneprov.acsd.session.SqliteAcsStore;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.common.mac.Mac;

/** {@code phoneprov acs devices}: what acsd's store holds, one line per phone. */
class AcsCommandTest {
    @TempDir
    Path dir;

    Path config() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        return Files.writeString(dir.resolve("phoneprov.yaml"), "suite: {address: 192.0.2.10}\n"
                + "paths: {files: files, state: state}\n");
    }

    @Test
    void beforeAnyPhoneInformedThereIsOnlyTheHeaderAndNoFileIsMade() throws Exception {
        CliTest.Run r = CliTest.cli("acs", "devices", "--config", config().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(Files.notExists(dir.resolve("state").resolve(SqliteAcsStore.FILE_NAME)));
    }

    @Test
    void eachPhoneWithItsLastInformAndItsTasks() throws Exception {
        Path cfg = config();
        Mac mac = Mac.parse("00:14:7f:77:00:01").orElseThrow();
        Files.createDirectories(dir.resolve("state"));
        try (SqliteAcsStore store = SqliteAcsStore.open(dir.resolve("state"))) {
            store.informed(mac, new DeviceRecord(new Inform(new Inform.DeviceId("Thomson", "00147F", "ST2030S", "1"),
                    List.of(new Inform.EventStruct(Inform.BOOTSTRAP, "")), 1, "", 0, List.of()),
                    Clock.systemUTC().instant(), InetAddress.getByName("10.77.1.1"), "Device."));
            TaskQueue q = new TaskQueue(store, Clock.systemUTC());
            q.enqueue(mac, new RpcRequest.Reboot(""));
        }
        CliTest.Run r = CliTest.cli("acs", "devices", "--config", cfg.toString());
        assertEquals(0, r.code(), r.err());
        String line = r.out().lines().filter(l -> l.startsWith("00:14:7F:77:00:01")).findFirst().orElse("");
        assertTrue(line.contains("10.77.1.1") && line.contains("Device.") && line.contains(Inform.BOOTSTRAP)
                && line.contains("1 queued, 0 done, 0 failed last: Reboot queued"), r.out());
    }
}
