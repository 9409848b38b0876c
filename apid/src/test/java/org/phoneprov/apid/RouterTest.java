package org.phoneprov.apid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.routes.Routes;
import org.phoneprov.apid.state.DeviceStates;
import org.phoneprov.common.metrics.SuiteMetrics;

class RouterTest {
    static final ApiSettings.Token READ = new ApiSettings.Token("viewer", ApiSettings.Role.READ, new byte[32]);
    static final ApiSettings.Token ADMIN = new ApiSettings.Token("admin", ApiSettings.Role.ADMIN, new byte[32]);

    @TempDir
    Path dir;
    Router router;
    FakeSuite suite;

    @BeforeEach
    void setUp() throws Exception {
        suite = new FakeSuite(dir);
        router = new Router(Routes.of(suite, new DeviceStates(suite::snapshot)), new SuiteMetrics());
    }

    ApiResponse call(String method, String path, ApiSettings.Token who, String body) {
        return router.route(new ApiRequest(method, path, Map.of(), new DefaultHttpHeaders(),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), new InetSocketAddress("127.0.0.1", 1),
                Optional.of(who)));
    }

    @Test
    void unknownPathsAndMethodsAreProblemsThatSayWhatExists() throws Exception {
        ApiResponse missing = call("GET", "/api/v1/nothing", READ, null);
        assertEquals(404, missing.status());
        assertEquals(ApiResponse.PROBLEM, missing.contentType());
        assertTrue(Json.MAPPER.readTree(missing.body()).get("detail").asText().contains("openapi.json"));
        ApiResponse wrong = call("DELETE", "/api/v1/leases", ADMIN, null);
        assertEquals(405, wrong.status());
        assertEquals("GET", wrong.headers().get("Allow"));
        assertEquals(404, call("GET", "/api/v1/devices/not-a-mac", READ, null).status());
        assertEquals(400, call("POST", "/api/v1/devices", ADMIN, "{\"mac\":").status());
    }

    @Test
    void aReadTokenReadsEverythingAndChangesNothing() throws Exception {
        assertEquals(200, call("GET", "/api/v1/health", READ, null).status());
        assertEquals(200, call("GET", "/api/v1/devices", READ, null).status());
        assertEquals(200, call("GET", "/api/v1/events", READ, null).status());
        assertEquals(200, call("GET", "/api/v1/leases", READ, null).status());
        ApiResponse metrics = call("GET", "/metrics", READ, null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
        for (String[] w : new String[][] {{"POST", "/api/v1/reload"}, {"POST", "/api/v1/notify"},
                {"POST", "/api/v1/devices"}, {"DELETE", "/api/v1/devices/00:14:7F:77:00:01"}}) {
            assertEquals(403, call(w[0], w[1], READ, "{}").status(), String.join(" ", w));
        }
        assertEquals(0, suite.reloads);
        assertEquals(200, call("POST", "/api/v1/reload", ADMIN, null).status());
        assertEquals(1, suite.reloads);
    }

    @Test
    void onlyTheDocumentIsPublicAndItIsOpenApi31() throws Exception {
        assertTrue(Router.isPublic("GET", "/api/v1/openapi.json"));
        assertTrue(!Router.isPublic("GET", "/api/v1/health") && !Router.isPublic("GET", "/metrics"));
        var doc = Json.MAPPER.readTree(call("GET", "/api/v1/openapi.json", READ, null).body());
        assertEquals("3.1.0", doc.get("openapi").asText());
        for (String p : new String[] {"/api/v1/health", "/api/v1/devices", "/api/v1/devices/{mac}", "/api/v1/leases",
                "/api/v1/events", "/api/v1/notify", "/api/v1/reload", "/metrics"}) {
            assertTrue(doc.get("paths").has(p), p);
        }
    }

    @Test
    void eventQueriesAreChecked() {
        assertEquals(400, router.route(new ApiRequest("GET", "/api/v1/events", Map.of("limit",
                java.util.List.of("0")), new DefaultHttpHeaders(), new byte[0], new InetSocketAddress("127.0.0.1", 1),
                Optional.of(READ))).status());
        assertEquals(400, router.route(new ApiRequest("GET", "/api/v1/events", Map.of("mac",
                java.util.List.of("zz")), new DefaultHttpHeaders(), new byte[0], new InetSocketAddress("127.0.0.1", 1),
                Optional.of(READ))).status());
    }
}
