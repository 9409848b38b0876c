package org.phoneprov.apid.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.apid.FakeSuite;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.mac.Mac;

class DeviceStatesTest {
    static final Mac ONE = Mac.parse("00:14:7F:77:00:01").orElseThrow();

    @TempDir
    Path dir;

    static Event event(String daemon, String action, Mac mac, String file, String result, long millis) {
        return new Event(Instant.ofEpochMilli(millis), daemon, action, Optional.of(mac), file, result, 0, 0,
                Optional.empty());
    }

    @Test
    void aFetchOfItsOwnConfigAfterItChangedIsUpToDateAndErrorsAreKept() throws Exception {
        FakeSuite suite = new FakeSuite(dir);
        DeviceStates states = new DeviceStates(suite::snapshot);
        String own = suite.snapshot().macConfig(ONE).orElseThrow().name();
        long modified = suite.snapshot().macConfig(ONE).orElseThrow().lastModified();
        states.accept(List.of(event("dhcpd", "REQUEST", ONE, "192.0.2.50", "ACK", modified + 1),
                event("httpd", "GET", ONE, "/" + own, "200", modified + 2),
                event("httpd", "GET", ONE, "/nothing.txt", "404", modified + 3)));
        JsonNode s = states.state(ONE);
        assertTrue(s.get("up_to_date").asBoolean(), s.toString());
        assertEquals(s.get("served_version").asText(), s.get("fetched_version").asText());
        assertTrue(s.get("served_version").asText().matches("\\d+"), "the config_sn of the MAC config: " + s);
        assertEquals("ACK", s.get("last_dhcp").get("result").asText());
        assertEquals("404", s.get("last_error").get("result").asText());
        assertEquals("/nothing.txt", s.get("last_fetch").get("file").asText());
    }

    @Test
    void aFetchFromBeforeTheFileChangedIsOlderAndForgedMacsAreNotKept() throws Exception {
        FakeSuite suite = new FakeSuite(dir);
        DeviceStates states = new DeviceStates(suite::snapshot);
        String own = suite.snapshot().macConfig(ONE).orElseThrow().name();
        long modified = suite.snapshot().macConfig(ONE).orElseThrow().lastModified();
        states.accept(event("tftpd", "RRQ", ONE, own, "ok", modified - 1));
        JsonNode s = states.state(ONE);
        assertEquals(DeviceStates.OLDER, s.get("fetched_version").asText());
        assertFalse(s.get("up_to_date").asBoolean());
        Mac forged = Mac.parse("02:00:00:00:00:01").orElseThrow();
        states.accept(event("dhcpd", "DISCOVER", forged, "", "OFFER", modified));
        assertTrue(states.state(forged).get("last_dhcp").isNull(), "a MAC outside the inventory gets no state");
    }
}
