package org.phoneprov.phonesim.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

class PhoneStateStoreTest {
    static final PhoneIdentity ID = new PhoneIdentity(Mac.parse("00147F770001").orElseThrow(), Model.ST2030S);

    static PhoneState sample() {
        return PhoneState.factory().withFirmware("http://10.77.0.1/st2030/v2.zz").booted()
                .withDownloaded("melodies", "http://10.77.0.1/st2030/ringtone_033006.txt")
                .withCommon(Map.of("sip.AuthNotifyCheckSync", "10.77.0.1"))
                .withTelcfg(Map.of("telephony.Country", "FR"))
                .withMac("850497785552", Map.of("sys.config_sn", "850497785552", "sip.DisplayName1", "Lab 1001"))
                .withDhcpVlan(Optional.of(new Vlan(1, 100, 200)));
    }

    @Test
    void roundTripsThroughAJsonFile(@TempDir Path dir) throws IOException {
        PhoneStateStore store = PhoneStateStore.in(dir.resolve("state"));
        store.save(ID, sample());
        Path file = dir.resolve("state").resolve("ST2030S_00147F770001.json");
        assertTrue(Files.exists(file));
        assertEquals(sample(), PhoneStateStore.in(dir.resolve("state")).load(ID), "a second run reads the first's state");
        try (var files = Files.list(dir.resolve("state"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        assertTrue(Files.readString(file).contains("\"configSn\" : \"850497785552\""));
    }

    @Test
    void aPhoneNeverSavedStartsFromTheFactory(@TempDir Path dir) throws IOException {
        assertEquals(PhoneState.factory(), PhoneStateStore.in(dir).load(ID));
        assertEquals(PhoneState.factory(), PhoneStateStore.memory().load(ID));
    }

    @Test
    void anUnreadableFileIsAnError(@TempDir Path dir) throws IOException {
        PhoneStateStore store = PhoneStateStore.in(dir);
        Files.writeString(store.fileOf(ID).orElseThrow(), "{ not json");
        IOException e = assertThrows(IOException.class, () -> store.load(ID));
        assertTrue(e.getMessage().contains("ST2030S_00147F770001.json"), e.getMessage());
        Files.writeString(store.fileOf(ID).orElseThrow(), "{\"format\": 99}");
        assertThrows(IOException.class, () -> store.load(ID));
    }

    @Test
    void saveReplacesTheOldState(@TempDir Path dir) throws IOException {
        PhoneStateStore store = PhoneStateStore.in(dir);
        store.save(ID, sample());
        store.save(ID, PhoneState.factory());
        assertEquals(PhoneState.factory(), store.load(ID));
    }

    @Test
    void memoryStoreKeepsStates() throws IOException {
        PhoneStateStore store = PhoneStateStore.memory();
        store.save(ID, sample());
        assertEquals(sample(), store.load(ID));
    }
}
