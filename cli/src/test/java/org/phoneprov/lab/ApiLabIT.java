package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.cli.CertCommand;
import picocli.CommandLine;

/**
 * The management API (issue 13 item 3) end to end: examples/lab with {@code api:} on
 * HTTPS (a CA and server certificate from {@code phoneprov cert init}), real curl from the
 * client namespace. Tokens, RFC 9457 errors, device changes written to devices.yaml with
 * its comments kept and served at once by httpd, If-Match, leases, events, notify, reload,
 * /metrics and the OpenAPI document.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiLabIT {
    static final String API = "https://" + LabNet.SERVER_IP + ":9443";
    static final String HTTP = "http://" + LabNet.SERVER_IP + "/";
    static final String ADMIN = "admin-token-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String VIEWER = "viewer-token-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String GUESSER = "10.77.9.8";
    static final String MAC = "00:14:7F:77:00:02";
    static final ObjectMapper JSON = new ObjectMapper();

    static LabNet net;
    static Path work;
    static PhoneprovProcess server;

    record Reply(int status, String headers, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        String header(String name) {
            for (String line : headers.split("\r?\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith(name.toLowerCase(java.util.Locale.ROOT) + ":")) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return "";
        }
    }

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "curl", "java");
        work = Files.createTempDirectory("phoneprov-apilab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        Path yaml = work.resolve("phoneprov.yaml");
        assertEquals(0, new CommandLine(new CertCommand()).execute("init", "--dir", work.resolve("certs").toString(),
                "--config", yaml.toString()));
        Files.writeString(work.resolve("admin.token"), ADMIN + "\n");
        Files.writeString(yaml, Files.readString(yaml) + """

                api:
                  bind: 10.77.0.1
                  port: 9443
                  tls: {cert: certs/server.pem, key: certs/server.key}
                  tokens:
                    - {name: admin, token_file: admin.token}
                    - {name: viewer, token: "%s", role: read}
                """.formatted(VIEWER));
        net = LabNet.create();
        net.in(net.client, "ip", "addr", "add", GUESSER + "/16", "dev", "eth0");
        net.in(net.client, "ip", "addr", "add", "10.77.1.1/16", "dev", "eth0");
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", yaml.toString(),
                "--only", "httpd,api");
        server.awaitLog("api.listening", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    /** curl in the client namespace, verifying the suite's certificate with its CA. */
    static Reply curl(String token, String method, String path, String body, String... headers) throws Exception {
        return curlFrom(null, token, method, path, body, headers);
    }

    static Reply curlFrom(String source, String token, String method, String path, String body, String... headers)
            throws Exception {
        Path head = Files.createTempFile(work, "head", ".txt");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60", "--cacert",
                work.resolve("certs/ca.pem").toString(), "-D", head.toString(), "-X", method, "-w", "\n%{http_code}"));
        if (source != null) {
            cmd.addAll(List.of("--interface", source));
        }
        if (token != null) {
            cmd.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        for (String h : headers) {
            cmd.addAll(List.of("-H", h));
        }
        if (body != null) {
            cmd.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
        }
        cmd.add(API + path);
        Sh.Result r = Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 70);
        assertEquals(0, r.code(), () -> "curl failed: " + r.err());
        int cut = r.out().lastIndexOf('\n');
        return new Reply(Integer.parseInt(r.out().substring(cut + 1).strip()), Files.readString(head),
                r.out().substring(0, cut));
    }

    @Test
    @Order(1)
    void withoutATokenOrWithAWrongOneNothingIsSaidAndGuessersAreBlocked() throws Exception {
        Reply none = curl(null, "GET", "/api/v1/devices", null);
        assertEquals(401, none.status());
        assertEquals("application/problem+json", none.header("content-type"));
        assertFalse(none.json().has("detail"), none.body());
        assertTrue(none.header("www-authenticate").startsWith("Bearer"), none.headers());
        for (int i = 1; i <= 9; i++) {
            assertEquals(401, curlFrom(GUESSER, "wrong-" + i, "GET", "/api/v1/health", null).status());
        }
        assertEquals(401, curlFrom(GUESSER, "wrong-10", "GET", "/api/v1/health", null).status(), "the 10th blocks");
        Reply blocked = curlFrom(GUESSER, ADMIN, "GET", "/api/v1/health", null);
        assertEquals(429, blocked.status(), "blocked, even with the right token");
        assertTrue(Integer.parseInt(blocked.header("retry-after")) > 0, blocked.headers());
        assertEquals(200, curl(ADMIN, "GET", "/api/v1/health", null).status(), "other addresses are served");
        server.awaitLog("api.token_guess_blocked", 10);
        assertFalse(server.logText().contains(ADMIN) || server.logText().contains(VIEWER), "a token in the log");
    }

    @Test
    @Order(2)
    void listsTheLabDevicesAndShowsOneWithItsETag() throws Exception {
        JsonNode list = curl(VIEWER, "GET", "/api/v1/devices", null).json();
        String inventory = Files.readString(work.resolve("devices.yaml"));
        long expected = inventory.lines().filter(l -> l.strip().startsWith("- mac:")).count();
        assertEquals(expected, list.size(), list.toString());
        Reply one = curl(VIEWER, "GET", "/api/v1/devices/" + MAC, null);
        assertEquals(200, one.status());
        assertEquals("ST2030S", one.json().get("device").get("model").asText());
        assertEquals(one.json().get("etag").asText(), one.header("etag"));
        assertEquals(404, curl(VIEWER, "GET", "/api/v1/devices/00:14:7F:00:99:99", null).status());
        assertEquals(403, curl(VIEWER, "POST", "/api/v1/reload", "{}").status(), "a read token changes nothing");
    }

    @Test
    @Order(3)
    void anInvalidChangeIs422WithLocatedErrorsAndNothingWritten() throws Exception {
        Path devices = work.resolve("devices.yaml");
        String before = Files.readString(devices);
        String etag = curl(ADMIN, "GET", "/api/v1/devices/" + MAC, null).header("etag");
        Reply bad = curl(ADMIN, "PUT", "/api/v1/devices/" + MAC, "{\"model\":\"ST9999\",\"colour\":\"red\"}",
                "If-Match: " + etag);
        assertEquals(422, bad.status(), bad.body());
        JsonNode errors = bad.json().get("errors");
        assertTrue(errors.size() >= 2, bad.body());
        for (JsonNode e : errors) {
            assertTrue(e.get("text").asText().startsWith(devices.toString() + ":"), e.toString());
            assertTrue(e.get("line").asInt() > 0 && e.get("column").asInt() > 0, e.toString());
        }
        assertTrue(bad.body().contains("ST9999") && bad.body().contains("colour"), bad.body());
        assertEquals(before, Files.readString(devices), "nothing written");
        assertEquals(400, curl(ADMIN, "PUT", "/api/v1/devices/" + MAC, "not json", "If-Match: " + etag).status());
        assertEquals(428, curl(ADMIN, "PUT", "/api/v1/devices/" + MAC, "{\"model\":\"ST2030S\"}").status());
    }

    @Test
    @Order(4)
    void aChangeIsWrittenWithCommentsKeptServedAtOnceAndAStaleOneRefused() throws Exception {
        Path devices = work.resolve("devices.yaml");
        String firstLine = Files.readString(devices).lines().findFirst().orElseThrow();
        assertTrue(firstLine.startsWith("#"), firstLine);
        String etag = curl(ADMIN, "GET", "/api/v1/devices/" + MAC, null).header("etag");
        String body = "{\"model\":\"ST2030S\",\"address\":\"10.77.1.2\",\"lines\":[{\"number\":\"1002\","
                + "\"display_name\":\"Changed by API\",\"password\":\"lab-1002\",\"registrar\":\"10.77.0.1\"}]}";
        Reply ok = curl(ADMIN, "PUT", "/api/v1/devices/" + MAC, body, "If-Match: " + etag);
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.json().get("reload").get("applied").asBoolean(), ok.body());
        assertNotEquals(etag, ok.header("etag"));
        assertEquals(412, curl(ADMIN, "PUT", "/api/v1/devices/" + MAC, body, "If-Match: " + etag).status(),
                "the second edit from the same version");
        String after = Files.readString(devices);
        assertTrue(after.startsWith(firstLine + "\n"), "the comment is kept");
        assertTrue(after.contains("Changed by API"), after);
        Sh.Result served = Sh.run(Sh.in(net.client, "curl", "-sS", "--max-time", "10", "--interface", "10.77.1.1",
                HTTP + "ST2030S_00147F770002.txt"), 20);
        assertTrue(served.out().contains("Changed by API"), served.out());
        Sh.Result check = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "check", "--config",
                work.resolve("phoneprov.yaml").toString()), 60);
        assertEquals(0, check.code(), check.err());
    }

    @Test
    @Order(5)
    void addAndDeleteADevice() throws Exception {
        String mac = "00:14:7F:77:0A:01";
        String body = "{\"mac\":\"" + mac + "\",\"model\":\"ST2022S\",\"lines\":[{\"number\":\"1901\","
                + "\"registrar\":\"10.77.0.1\"}]}";
        Reply added = curl(ADMIN, "POST", "/api/v1/devices", body);
        assertEquals(201, added.status(), added.body());
        assertEquals("/api/v1/devices/" + mac, added.header("location"));
        assertEquals(409, curl(ADMIN, "POST", "/api/v1/devices", body).status());
        Sh.Result served = Sh.run(Sh.in(net.client, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "10", HTTP + "ST2022S_00147F770A01.txt"), 20);
        assertEquals("200", served.out().strip());
        assertEquals(428, curl(ADMIN, "DELETE", "/api/v1/devices/" + mac, null).status());
        Reply gone = curl(ADMIN, "DELETE", "/api/v1/devices/" + mac, null, "If-Match: " + added.header("etag"));
        assertEquals(204, gone.status(), gone.body());
        assertEquals(404, curl(ADMIN, "GET", "/api/v1/devices/" + mac, null).status());
        assertFalse(Files.readString(work.resolve("devices.yaml")).contains("0A:01"));
    }

    @Test
    @Order(6)
    void eventsLeasesReloadMetricsAndTheDocument() throws Exception {
        JsonNode trail = curl(VIEWER, "GET", "/api/v1/events?mac=" + MAC + "&daemon=httpd", null).json();
        assertTrue(trail.size() >= 1, trail.toString());
        trail.forEach(e -> assertEquals(MAC, e.get("mac").asText()));
        assertEquals(400, curl(VIEWER, "GET", "/api/v1/events?since=yesterday", null).status());
        JsonNode state = curl(VIEWER, "GET", "/api/v1/devices/" + MAC, null).json().get("state");
        assertTrue(state.get("up_to_date").asBoolean(), "fetched after the change: " + state);
        assertEquals(200, curl(VIEWER, "GET", "/api/v1/leases", null).status());
        Reply reload = curl(ADMIN, "POST", "/api/v1/reload", null);
        assertEquals(200, reload.status(), reload.body());
        Reply metrics = curl(VIEWER, "GET", "/metrics", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.header("content-type").startsWith("text/plain"), metrics.headers());
        Reply doc = curl(null, "GET", "/api/v1/openapi.json", null);
        assertEquals(200, doc.status());
        assertEquals("3.1.0", doc.json().get("openapi").asText());
        assertTrue(doc.json().get("paths").has("/api/v1/devices/{mac}"));
        // Nobody answers at 10.77.1.2: the call waits for RFC 3261 Timer F (32 s) and says so.
        Reply notify = curl(ADMIN, "POST", "/api/v1/notify", "{\"mac\":\"" + MAC + "\"}");
        assertEquals(200, notify.status(), notify.body());
        assertEquals(MAC, notify.json().get("results").get(0).get("mac").asText());
        assertEquals(422, curl(ADMIN, "POST", "/api/v1/notify", "{}").status());
    }
}
