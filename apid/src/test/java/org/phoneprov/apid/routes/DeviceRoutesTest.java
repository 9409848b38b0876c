package org.phoneprov.apid.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.apid.ApiSettings;
import org.phoneprov.apid.FakeSuite;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.state.DeviceStates;
import org.phoneprov.common.mac.Mac;

class DeviceRoutesTest {
    static final Mac ONE = Mac.parse("00:14:7F:77:00:01").orElseThrow();
    static final ApiSettings.Token ADMIN = new ApiSettings.Token("admin", ApiSettings.Role.ADMIN, new byte[32]);

    @TempDir
    Path dir;
    FakeSuite suite;
    DeviceRoutes routes;

    @BeforeEach
    void setUp() throws Exception {
        suite = new FakeSuite(dir);
        routes = new DeviceRoutes(suite, new DeviceStates(suite::snapshot));
    }

    static ApiRequest req(String method, String body, String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return new ApiRequest(method, "/", Map.of(), h, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                new InetSocketAddress("127.0.0.1", 40000), Optional.of(ADMIN));
    }

    static JsonNode json(ApiResponse r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    String etag() throws Exception {
        return routes.show(req("GET", null), ONE).headers().get("ETag");
    }

    @Test
    void aChangeIsWrittenInPlaceAndReloadedAndAStaleOneIsRefused() throws Exception {
        String etag = etag();
        String body = "{\"model\":\"ST2030S\",\"lines\":[{\"number\":\"1001\",\"display_name\":\"Front\",\"registrar\":\"192.0.2.1\"}]}";
        ApiResponse ok = routes.put(req("PUT", body, "If-Match", etag), ONE);
        assertEquals(200, ok.status(), new String(ok.body()));
        assertEquals(1, suite.reloads);
        String file = Files.readString(suite.devicesFile());
        assertTrue(file.startsWith("# Phones of the test, with comments the API must keep.\n"), file);
        assertTrue(file.contains("display_name: \"Front\""), file);
        assertTrue(file.contains("  - mac: 00:14:7F:77:00:02\n    model: ST2022S\n"), file);
        assertEquals("Front", suite.snapshot().config().device(ONE).orElseThrow().lines().get(0).displayName());
        assertNotEquals(etag, ok.headers().get("ETag"));
        assertEquals(ok.headers().get("ETag"), etag());

        ApiResponse stale = routes.put(req("PUT", body, "If-Match", etag), ONE);
        assertEquals(412, stale.status());
        assertEquals(ok.headers().get("ETag"), stale.headers().get("ETag"));
        assertEquals(file, Files.readString(suite.devicesFile()), "nothing written");
    }

    @Test
    void anInvalidChangeIs422WithLocatedErrorsAndWritesNothing() throws Exception {
        String before = Files.readString(suite.devicesFile());
        ApiResponse bad = routes.put(req("PUT", "{\"model\":\"ST9999\",\"colour\":\"red\"}", "If-Match", etag()), ONE);
        assertEquals(422, bad.status());
        assertEquals(ApiResponse.PROBLEM, bad.contentType());
        JsonNode p = json(bad);
        assertEquals("/api/v1/problems/invalid-config", p.get("type").asText());
        assertTrue(p.get("errors").size() >= 2, p.toString());
        for (JsonNode e : p.get("errors")) {
            assertEquals(suite.devicesFile().toString(), e.get("file").asText());
            assertTrue(e.get("text").asText().matches(".*devices\\.yaml:\\d+:\\d+: .*"), e.toString());
        }
        assertEquals(before, Files.readString(suite.devicesFile()));
        assertEquals(0, suite.reloads);
    }

    @Test
    void preconditionsAreRequiredAndChecked() throws Exception {
        assertEquals(428, routes.put(req("PUT", "{\"model\":\"ST2030S\"}"), ONE).status());
        assertEquals(428, routes.delete(req("DELETE", null), ONE).status());
        assertEquals(412, routes.delete(req("DELETE", null, "If-Match", "\"0000\""), ONE).status());
        assertEquals(409, routes.put(req("PUT", "{\"model\":\"ST2030S\"}", "If-None-Match", "*"), ONE).status());
        assertEquals(422, routes.put(req("PUT", "{\"mac\":\"00:14:7F:77:00:02\"}", "If-Match", etag()), ONE).status(),
                "the body names another MAC");
        assertEquals(404, routes.delete(req("DELETE", null, "If-Match", "*"),
                Mac.parse("00:14:7F:77:09:09").orElseThrow()).status());
    }

    @Test
    void addAndDeleteKeepTheRestOfTheFile() throws Exception {
        String before = Files.readString(suite.devicesFile());
        ApiResponse added = routes.create(req("POST", "{\"mac\":\"00147f770003\",\"model\":\"ST2022M\"}"));
        assertEquals(201, added.status(), new String(added.body()));
        assertEquals("/api/v1/devices/00:14:7F:77:00:03", added.headers().get("Location"));
        assertEquals(409, routes.create(req("POST", "{\"mac\":\"00:14:7F:77:00:03\",\"model\":\"ST2022M\"}")).status());
        assertEquals(422, routes.create(req("POST", "{\"model\":\"ST2022M\"}")).status(), "no MAC");
        Mac three = Mac.parse("00:14:7F:77:00:03").orElseThrow();
        assertTrue(suite.snapshot().config().device(three).isPresent());
        ApiResponse gone = routes.delete(req("DELETE", null, "If-Match", added.headers().get("ETag")), three);
        assertEquals(204, gone.status());
        assertEquals(before, Files.readString(suite.devicesFile()), "add then delete leaves the file as it was");
        assertFalse(suite.snapshot().config().device(three).isPresent());
    }

    @Test
    void listAndShowAnswerFromTheFileOnDisk() throws Exception {
        JsonNode list = json(routes.list(req("GET", null)));
        assertEquals(2, list.size());
        assertEquals("00:14:7F:77:00:01", list.get(0).get("mac").asText());
        assertTrue(list.get(0).get("state").has("served_version"));
        JsonNode one = json(routes.show(req("GET", null), ONE));
        assertEquals("1001", one.get("device").get("lines").get(0).get("number").asText());
        assertEquals(404, routes.show(req("GET", null), Mac.parse("00:14:7F:77:09:09").orElseThrow()).status());
        assertEquals(400, assertThrowsBadRequest());
    }

    private int assertThrowsBadRequest() {
        try {
            routes.put(req("PUT", "[1,2]", "If-Match", "*"), ONE);
            return 0;
        } catch (Json.BadRequest e) {
            return 400;
        } catch (Exception e) {
            return -1;
        }
    }
}
