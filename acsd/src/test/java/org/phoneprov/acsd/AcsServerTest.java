package org.phoneprov.acsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.acsd.auth.CpeAuth;
import org.phoneprov.acsd.auth.NonceBook;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.session.CwmpSession;
import org.phoneprov.acsd.session.MemoryAcsStore;
import org.phoneprov.acsd.session.Task;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.acsd.session.TaskState;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.common.config.AcsdReader;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.slf4j.LoggerFactory;

/** The ACS on loopback, driven POST by POST over real TCP connections. */
class AcsServerTest {
    static final Mac MAC = Mac.parse("00:14:7f:77:00:01").orElseThrow();
    @TempDir
    Path dir;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final PrometheusRegistry registry = new PrometheusRegistry();
    TaskQueue queue;
    AcsServer server;
    AcsMetrics metrics;
    InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        SuiteConfig c = AcsFixture.config(dir, "acsd: {bind: 127.0.0.1, max_envelope_bytes: 8192}\n");
        queue = new TaskQueue(new MemoryAcsStore(), Clock.systemUTC());
        metrics = new AcsMetrics(registry);
        AcsContext acs = new AcsContext(() -> c, queue, new CpeAuth(new NonceBook(100, 60_000),
                c.settings(AcsdReader.SECTION).realm()), CwmpSession.InformHook.NONE, events::add, metrics,
                new RateLimitedLog(LoggerFactory.getLogger(AcsServerTest.class)), Clock.systemUTC());
        server = new AcsServer(new DaemonConfig("acsd", true, InetAddress.getLoopbackAddress(), Optional.empty(), 0),
                Optional.empty());
        address = server.start(acs);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    static byte[] inform() throws IOException {
        try (InputStream in = AcsServerTest.class.getResourceAsStream("/org/phoneprov/acsd/cwmp/inform-huawei-hg253s.xml")) {
            return in.readAllBytes();
        }
    }

    /** Answers the 401's challenge as a CPE with {@code user}/{@code password} would. */
    static String answer(HttpConnection.Response challenge, String user, String password) {
        DigestChallenge c = DigestChallenge.parse(challenge.header("WWW-Authenticate").orElseThrow()).orElseThrow();
        return "Authorization: " + DigestAnswer.authorization(c, user, password, "POST", "/acs", "c0ffee");
    }

    HttpConnection.Response authenticatedInform(HttpConnection conn) throws IOException {
        HttpConnection.Response challenge = conn.post("/acs", List.of(), inform());
        assertEquals(401, challenge.status());
        assertTrue(challenge.header("WWW-Authenticate").orElseThrow().contains("qop=\"auth\""));
        return conn.post("/acs", List.of(answer(challenge, MAC.hex(), "s3cret")), inform());
    }

    @Test
    void aWholeSessionWithDigestCookieQueuedRpcAnd204() throws Exception {
        Task gpv = queue.enqueue(MAC, new RpcRequest.GetParameterValues(List.of("InternetGatewayDevice.DeviceInfo.")));
        try (HttpConnection conn = new HttpConnection(address)) {
            HttpConnection.Response ir = authenticatedInform(conn);
            assertEquals(200, ir.status(), ir.text());
            assertTrue(ir.text().contains("<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes>"), ir.text());
            assertTrue(ir.text().contains("urn:dslforum-org:cwmp-1-0"));
            String cookie = ir.header("Set-Cookie").orElseThrow().split(";")[0];
            assertTrue(cookie.startsWith(AcsHandler.COOKIE + "="), cookie);
            HttpConnection.Response request = conn.post("/acs", List.of("Cookie: " + cookie), new byte[0]);
            assertEquals(200, request.status());
            assertTrue(request.text().contains("<cwmp:GetParameterValues>"), request.text());
            String response = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:cwmp=\""
                    + "urn:dslforum-org:cwmp-1-0\"><s:Body><cwmp:GetParameterValuesResponse><ParameterList>"
                    + "<ParameterValueStruct><Name>InternetGatewayDevice.DeviceInfo.UpTime</Name><Value>9</Value>"
                    + "</ParameterValueStruct></ParameterList></cwmp:GetParameterValuesResponse></s:Body></s:Envelope>";
            HttpConnection.Response end = conn.post("/acs", List.of("Cookie: " + cookie),
                    response.getBytes(StandardCharsets.UTF_8));
            assertEquals(204, end.status());
        }
        assertEquals(TaskState.DONE, queue.store().task(gpv.id()).orElseThrow().state());
        List<String> seen = events.stream().map(e -> e.action() + " " + e.result()).toList();
        assertEquals(List.of("Inform ok", "GetParameterValues sent", "GetParameterValues ok"), seen);
        assertTrue(events.stream().allMatch(e -> e.daemon().equals("acsd") && e.device().equals(Optional.of(MAC))));
        assertEquals(1.0, counter("phoneprov_acs_sessions", "completed"));
    }

    @Test
    void unknownAndWrongCredentialsAreRefusedAndClosed() throws Exception {
        try (HttpConnection conn = new HttpConnection(address)) {
            HttpConnection.Response challenge = conn.post("/acs", List.of(), inform());
            HttpConnection.Response refused = conn.post("/acs", List.of(answer(challenge, "nobody", "x")), inform());
            assertEquals(401, refused.status());
            assertTrue(conn.closedByServer());
        }
        try (HttpConnection conn = new HttpConnection(address)) {
            HttpConnection.Response challenge = conn.post("/acs", List.of(), inform());
            assertEquals(401, conn.post("/acs", List.of(answer(challenge, MAC.hex(), "wrong")), inform()).status());
            assertTrue(conn.closedByServer());
        }
        try (HttpConnection conn = new HttpConnection(address)) {
            String basic = java.util.Base64.getEncoder().encodeToString((MAC.hex() + ":s3cret")
                    .getBytes(StandardCharsets.UTF_8));
            HttpConnection.Response r = conn.post("/acs", List.of("Authorization: Basic " + basic), inform());
            assertEquals(401, r.status(), "Basic only over TLS: plain HTTP gets a digest challenge");
            assertTrue(r.header("WWW-Authenticate").orElseThrow().startsWith("Digest "));
        }
        assertEquals(2.0, counter("phoneprov_acs_sessions", "refused"));
    }

    @Test
    void aHugeEnvelopeIsRefusedBeforeParsingAndMalformedOnesGetFaults() throws Exception {
        try (HttpConnection conn = new HttpConnection(address)) {
            authenticatedInform(conn);
            HttpConnection.Response bad = conn.post("/acs", List.of(), "<<<not xml".getBytes(StandardCharsets.UTF_8));
            assertEquals(500, bad.status());
            assertTrue(bad.text().contains("<FaultCode>8003</FaultCode>"), bad.text());
            String xxe = "<!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><e>&x;</e>";
            HttpConnection.Response dtd = conn.post("/acs", List.of(), xxe.getBytes(StandardCharsets.UTF_8));
            assertTrue(dtd.text().contains("8003") && !dtd.text().contains("root:"), dtd.text());
            HttpConnection.Response huge = conn.post("/acs", List.of(), new byte[9000]);
            assertEquals(413, huge.status());
        }
    }

    @Test
    void aCpeDroppingMidSessionLeavesItsTaskQueued() throws Exception {
        Task reboot = queue.enqueue(MAC, new RpcRequest.Reboot("r1"));
        try (HttpConnection conn = new HttpConnection(address)) {
            authenticatedInform(conn);
            assertTrue(conn.post("/acs", List.of(), new byte[0]).text().contains("<cwmp:Reboot>"));
        }
        for (int i = 0; i < 100 && queue.store().task(reboot.id()).orElseThrow().state() == TaskState.SENT; i++) {
            Thread.sleep(20);
        }
        Task back = queue.store().task(reboot.id()).orElseThrow();
        assertEquals(TaskState.QUEUED, back.state());
        assertEquals(1, back.attempts());
        assertEquals(1.0, counter("phoneprov_acs_sessions", "dropped"));
    }

    @Test
    void anotherSessionsCookieIsRefused() throws Exception {
        try (HttpConnection conn = new HttpConnection(address)) {
            authenticatedInform(conn);
            HttpConnection.Response r = conn.post("/acs", List.of("Cookie: " + AcsHandler.COOKIE + "=forged"),
                    new byte[0]);
            assertEquals(401, r.status());
            assertTrue(conn.closedByServer());
        }
    }

    double counter(String name, String result) {
        return registry.scrape().stream().filter(m -> m.getMetadata().getName().equals(name))
                .flatMap(m -> m.getDataPoints().stream())
                .filter(d -> d.getLabels().get("result").equals(result))
                .mapToDouble(d -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) d)
                        .getValue()).sum();
    }
}
