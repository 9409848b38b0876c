package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.testsupport.Scrape;
import org.slf4j.LoggerFactory;

class ProvisioningHandlerTest {
    private static final String CFG = FakeResolver.MAC_CONFIG;

    @TempDir
    Path dir;
    private byte[] firmware;
    private final List<Event> events = new ArrayList<>();
    private AtomicReference<FileResolver> resolver;
    private EmbeddedChannel ch;
    private Connections connections;
    private SuiteMetrics metrics;

    @BeforeEach
    void setUp() throws Exception {
        firmware = new byte[100_000];
        for (int i = 0; i < firmware.length; i++) {
            firmware[i] = (byte) (i * 31 + i / 251);
        }
        Path fw = Files.write(dir.resolve("firmware.bin"), firmware);
        resolver = new AtomicReference<>(new FakeResolver(fw));
        ch = channel();
    }

    private EmbeddedChannel channel() {
        connections = new Connections();
        metrics = new SuiteMetrics();
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger("org.phoneprov.httpd"));
        ProvisioningHandler handler = new ProvisioningHandler(resolver::get, events::add, connections, log,
                new HttpClock(), AccessSource.OPEN, new AccessGate(new DigestAuth(Nonces.random())),
                System::currentTimeMillis, null, new HttpMetrics(metrics.registry(), connections, new LimitLog(log)));
        return new EmbeddedChannel(new HttpChannelInitializer(handler, connections));
    }

    private static String get(String method, String target, String... headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: t\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    @Test
    void getGeneratedFile() {
        Wire.Response r = Wire.exchange(ch, get("GET", CFG));
        assertEquals(200, r.status());
        assertArrayEquals(FakeResolver.CONFIG_BYTES, r.body());
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals(String.valueOf(FakeResolver.CONFIG_BYTES.length), r.header("Content-Length"));
        assertEquals(FakeResolver.ETAG, r.header("ETag"));
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", r.header("Last-Modified"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("phoneprov", r.header("Server"));
        assertEquals("no-cache", r.header("Cache-Control"));
        assertTrue(r.header("Date").endsWith(" GMT"));
        assertTrue(ch.isOpen());

        Event e = events.get(0);
        assertEquals("httpd", e.daemon());
        assertEquals("GET", e.action());
        assertEquals(Optional.of(FakeResolver.MAC), e.device());
        assertEquals(CFG, e.file());
        assertEquals("200", e.result());
        assertEquals(FakeResolver.CONFIG_BYTES.length, e.bytes());
        Scrape scrape = Scrape.of(metrics);
        assertEquals(1, scrape.value("phoneprov_http_requests_total{code=\"200\"}"));
        assertEquals(FakeResolver.CONFIG_BYTES.length, scrape.value("phoneprov_http_sent_bytes_total"));
        assertEquals(1, scrape.value("phoneprov_http_request_duration_seconds_count"));
        assertEquals(1, scrape.value("phoneprov_http_connections_open"));
    }

    @Test
    void headSendsHeadersOnly() {
        Wire.Response r = Wire.exchange(ch, get("HEAD", CFG));
        assertEquals(200, r.status());
        assertEquals(String.valueOf(FakeResolver.CONFIG_BYTES.length), r.header("Content-Length"));
        assertEquals(0, r.body().length);
        Wire.Response s = Wire.exchange(ch, get("HEAD", "/firmware.bin"));
        assertEquals(String.valueOf(firmware.length), s.header("Content-Length"));
        assertEquals(0, s.body().length);
        assertEquals(0, events.get(0).bytes());
        assertEquals(0, Scrape.of(metrics).value("phoneprov_http_sent_bytes_total"), "HEAD sends no body");
    }

    @Test
    void headOfAnErrorSendsNoBodyAndTheConnectionStaysInStep() {
        // The encoder does not pair responses with requests (HttpChannelInitializer): the body of
        // a 404 must be dropped for HEAD by the handler, or the next response would be misread.
        Wire.Response r = Wire.exchange(ch, get("HEAD", "/nothing-here.txt"));
        assertEquals(404, r.status());
        assertEquals("10", r.header("Content-Length"), "what a GET would get: \"not found\\n\"");
        assertEquals(0, r.body().length);
        Wire.Response s = Wire.exchange(ch, get("GET", CFG));
        assertEquals(200, s.status());
        assertArrayEquals(FakeResolver.CONFIG_BYTES, s.body());
    }

    @Test
    void postAnswersLikeGetAndIgnoresTheBody() {
        Wire.Response r = Wire.exchange(ch, "POST " + CFG + " HTTP/1.1\r\nHost: t\r\nContent-Length: 7\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\nmac=abc");
        assertEquals(200, r.status());
        assertArrayEquals(FakeResolver.CONFIG_BYTES, r.body());
        assertEquals("POST", events.get(0).action());
        assertEquals(200, Wire.exchange(ch, get("GET", CFG)).status()); // same connection still usable
    }

    @Test
    void postBodyOverLimitIs413() {
        Wire.Response r = Wire.exchange(ch, "POST " + CFG + " HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\n\r\n");
        assertEquals(413, r.status());
    }

    @Test
    void staticFileIsSentZeroCopy() {
        Wire.Response r = Wire.exchange(ch, get("GET", "/firmware.bin"));
        assertEquals(200, r.status());
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertArrayEquals(firmware, r.body());
        assertEquals(firmware.length, events.get(0).bytes());
        assertEquals(Optional.empty(), events.get(0).device());
        assertEquals(firmware.length, Scrape.of(metrics).value("phoneprov_http_sent_bytes_total"),
                "a zero-copy body counts once its region is written");
    }

    @Test
    void staticRangeUnderTlsIsChunked() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(false);
        ch.pipeline().addLast(new SslHandler(engine)); // after the handler: only its presence matters here
        Wire.Response r = Wire.exchange(ch, get("GET", "/firmware.bin", "Range: bytes=1000-60999"), false);
        assertEquals(206, r.status());
        assertEquals("bytes 1000-60999/100000", r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(firmware, 1000, 61000), r.body());
        Wire.Response full = Wire.exchange(ch, get("GET", "/firmware.bin"), false);
        assertArrayEquals(firmware, full.body());
    }

    @Test
    void rangeOfGeneratedAndStaticFiles() {
        Wire.Response r = Wire.exchange(ch, get("GET", CFG, "Range: bytes=2-5"));
        assertEquals(206, r.status());
        assertEquals("bytes 2-5/" + FakeResolver.CONFIG_BYTES.length, r.header("Content-Range"));
        assertEquals("4", r.header("Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(FakeResolver.CONFIG_BYTES, 2, 6), r.body());

        Wire.Response s = Wire.exchange(ch, get("GET", "/firmware.bin", "Range: bytes=-10"));
        assertEquals(206, s.status());
        assertArrayEquals(Arrays.copyOfRange(firmware, firmware.length - 10, firmware.length), s.body());
        assertEquals("206", events.get(1).result());
        assertEquals(10, events.get(1).bytes());
    }

    @Test
    void ifRangeMismatchSendsEverything() {
        Wire.Response r = Wire.exchange(ch, get("GET", CFG, "Range: bytes=2-5", "If-Range: \"old\""));
        assertEquals(200, r.status());
        assertArrayEquals(FakeResolver.CONFIG_BYTES, r.body());
    }

    @Test
    void multipleRangesSendEverything() {
        Wire.Response r = Wire.exchange(ch, get("GET", CFG, "Range: bytes=0-1,4-5"));
        assertEquals(200, r.status());
        assertArrayEquals(FakeResolver.CONFIG_BYTES, r.body());
    }

    @Test
    void unsatisfiableRangeIs416() {
        Wire.Response r = Wire.exchange(ch, get("GET", CFG, "Range: bytes=9999-"));
        assertEquals(416, r.status());
        assertEquals("bytes */" + FakeResolver.CONFIG_BYTES.length, r.header("Content-Range"));
        Wire.Response s = Wire.exchange(ch, get("GET", "/firmware.bin", "Range: bytes=100000-"));
        assertEquals(416, s.status());
        assertEquals("bytes */100000", s.header("Content-Range"));
        assertTrue(ch.isOpen());
    }

    @Test
    void notModified() {
        Wire.Response r = Wire.exchange(ch, get("GET", CFG, "If-None-Match: W/" + FakeResolver.ETAG));
        assertEquals(304, r.status());
        assertEquals(0, r.body().length);
        assertEquals(FakeResolver.ETAG, r.header("ETag"));
        Wire.Response s = Wire.exchange(ch, get("GET", CFG, "If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT"));
        assertEquals(304, s.status());
        Wire.Response t = Wire.exchange(ch, get("GET", CFG, "If-None-Match: \"other\""));
        assertEquals(200, t.status());
        assertTrue(ch.isOpen());
        assertEquals("304", events.get(0).result());
        Scrape scrape = Scrape.of(metrics);
        assertEquals(2, scrape.value("phoneprov_http_requests_total{code=\"304\"}"));
        assertEquals(1, scrape.value("phoneprov_http_requests_total{code=\"200\"}"));
    }

    @Test
    void everyNotFoundLooksTheSame() {
        List<String> targets = List.of("/nope.txt", "/ST2030S_000E50FFFFFF.txt", "/secret/key.pem",
                "/../etc/passwd", "/%2e%2e/etc/passwd", "/a%00b", "/c:/boot.ini", "/%c0%ae%c0%ae/");
        Map<String, String> first = null;
        for (String target : targets) {
            Wire.Response r = Wire.exchange(ch, get("GET", target));
            assertEquals(404, r.status(), target);
            assertEquals("not found\n", r.text(), target);
            Map<String, String> h = new HashMap<>(r.headers());
            h.remove("date");
            if (first == null) {
                first = h;
            }
            assertEquals(first, h, target);
        }
        assertTrue(ch.isOpen());
        assertEquals(targets.size(), events.size());
        assertTrue(events.stream().allMatch(e -> e.result().equals("404")));
        assertEquals(targets.size(), Scrape.of(metrics).value("phoneprov_http_requests_total{code=\"404\"}"));
    }

    @Test
    void otherMethodsAre405() {
        Wire.Response r = Wire.exchange(ch, get("DELETE", CFG));
        assertEquals(405, r.status());
        assertEquals("GET, HEAD, POST", r.header("Allow"));
        assertEquals("DELETE", events.get(0).action());
        assertTrue(ch.isOpen());
    }

    @Test
    void malformedEscapeIs400AndCloses() {
        Wire.Response r = Wire.exchange(ch, get("GET", "/a%zz"));
        assertEquals(400, r.status());
        assertEquals("close", r.header("Connection"));
        assertFalse(ch.isOpen());
    }

    @Test
    void malformedRequestLineIs400AndCloses() {
        Wire.Response r = Wire.exchange(ch, "GET / FOO/1.1\r\nHost: t\r\n\r\n");
        assertEquals(400, r.status());
        assertFalse(ch.isOpen());
        assertEquals("INVALID", events.get(0).action());
    }

    @Test
    void overlongRequestLineIs414() {
        Wire.Response r = Wire.exchange(ch, get("GET", "/" + "a".repeat(5000)));
        assertEquals(414, r.status());
        assertFalse(ch.isOpen());
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Wire.exchange(ch, get("GET", CFG)).status());
        }
        assertTrue(ch.isOpen());
    }

    @Test
    void http10WithoutKeepAliveCloses() {
        Wire.Response r = Wire.exchange(ch, "GET " + CFG + " HTTP/1.0\r\n\r\n");
        assertEquals(200, r.status());
        assertFalse(ch.isOpen());
        EmbeddedChannel other = channel();
        Wire.Response k = Wire.exchange(other, "GET " + CFG + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertEquals("keep-alive", k.header("Connection"));
        assertTrue(other.isOpen());
    }

    @Test
    void reloadedResolverServesTheNextRequest() {
        assertEquals(200, Wire.exchange(ch, get("GET", CFG)).status());
        resolver.set((name, transport) -> new Lookup.NotFound(name));
        assertEquals(404, Wire.exchange(ch, get("GET", CFG)).status());
    }

    @Test
    void failingResolverIs500AndTheConnectionLives() {
        resolver.set((name, transport) -> {
            throw new IllegalStateException("template broke");
        });
        Wire.Response r = Wire.exchange(ch, get("GET", CFG));
        assertEquals(500, r.status());
        assertFalse(r.text().contains("template"));
        assertTrue(ch.isOpen());
    }

    @Test
    void vanishedStaticFileIs404() throws Exception {
        Files.delete(dir.resolve("firmware.bin"));
        assertEquals(404, Wire.exchange(ch, get("GET", "/firmware.bin")).status());
    }

    @Test
    void aStalledResponseClosesButAWaitingConnectionIsLeftToItsDeadlines() {
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        assertTrue(ch.isOpen(), "no response in progress: the request deadlines decide");
        connections.requestStarted(ch);
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        assertFalse(ch.isOpen());
    }

    @Test
    void exceptionClosesTheConnectionQuietly() {
        ch.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
        assertFalse(ch.isOpen());
        assertNull(ch.readOutbound());
    }
}
