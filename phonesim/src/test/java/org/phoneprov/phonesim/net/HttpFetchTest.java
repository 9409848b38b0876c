package org.phoneprov.phonesim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.fetch.FetchResult;

class HttpFetchTest {
    static final FetchTimeouts FAST =
            new FetchTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(200), 2);

    /** What the server saw of one request. */
    record Seen(String method, String path, String host, String userAgent, String contentLength,
                InetSocketAddress remote) {
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpFetch fetch;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        if (fetch != null) {
            fetch.close();
        }
        server.stop(0);
    }

    private void serve(HttpExchange x) throws IOException {
        var h = x.getRequestHeaders();
        seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().toString(), h.getFirst("Host"),
                h.getFirst("User-Agent"), h.getFirst("Content-Length"), x.getRemoteAddress()));
        x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        byte[] body = ("body of " + x.getRequestMethod() + " " + path).getBytes(StandardCharsets.UTF_8);
        switch (path) {
            case "/missing" -> x.sendResponseHeaders(404, -1);
            case "/broken" -> x.sendResponseHeaders(500, -1);
            case "/chunked" -> {
                x.sendResponseHeaders(200, 0); // 0: length unknown, so the server chunks
                try (OutputStream out = x.getResponseBody()) {
                    for (int i = 0; i < 100; i++) {
                        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            }
            default -> {
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
            }
        }
        x.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String text(FetchResult r) {
        return new String(assertInstanceOf(FetchResult.Ok.class, r).body(), StandardCharsets.UTF_8);
    }

    @Test
    void getsAFileWithHostAndUserAgent() {
        fetch = new HttpFetch(null, FAST, "ST2030S");
        assertEquals("body of GET /prov/ST2030S.inf", text(fetch.get(uri("/prov/ST2030S.inf?x=1"))));
        Seen s = seen.get(0);
        assertEquals("GET", s.method());
        assertEquals("/prov/ST2030S.inf?x=1", s.path());
        assertEquals("127.0.0.1:" + server.getAddress().getPort(), s.host());
        assertEquals("phoneprov-phonesim ST2030S", s.userAgent());
    }

    @Test
    void postsAnEmptyBody() {
        fetch = new HttpFetch(null, FAST, null);
        assertEquals("body of POST /cfg.txt", text(fetch.post(uri("/cfg.txt"))));
        assertEquals("POST", seen.get(0).method());
        assertEquals("0", seen.get(0).contentLength());
        assertEquals("phoneprov-phonesim", seen.get(0).userAgent());
    }

    @Test
    void mapsStatuses() {
        fetch = new HttpFetch(null, FAST, null);
        assertInstanceOf(FetchResult.NotFound.class, fetch.get(uri("/missing")));
        assertEquals(new FetchResult.Failed("HTTP 500").detail(),
                assertInstanceOf(FetchResult.Failed.class, fetch.get(uri("/broken"))).detail());
        // The connection survives error statuses with no body.
        assertEquals("body of GET /after", text(fetch.get(uri("/after"))));
    }

    @Test
    void readsAChunkedBody() {
        fetch = new HttpFetch(null, FAST, null);
        String body = text(fetch.get(uri("/chunked")));
        assertTrue(body.startsWith("line 0\nline 1\n"));
        assertTrue(body.endsWith("line 99\n"));
        assertEquals("body of GET /next", text(fetch.get(uri("/next"))));
    }

    @Test
    void keepsOneConnectionAcrossRequests() {
        fetch = new HttpFetch(null, FAST, null);
        text(fetch.get(uri("/a")));
        text(fetch.post(uri("/b")));
        text(fetch.get(uri("/c")));
        assertEquals(3, seen.size());
        assertEquals(seen.get(0).remote(), seen.get(1).remote());
        assertEquals(seen.get(0).remote(), seen.get(2).remote());
        assertEquals(1, fetch.openConnections());
    }

    @Test
    void sendsFromThePhonesOwnAddress() throws Exception {
        // Linux routes all of 127/8 to lo, so 127.0.0.2 stands in for a leased address.
        InetAddress phone = InetAddress.getByName("127.0.0.2");
        fetch = new HttpFetch(phone, FAST, null);
        text(fetch.get(uri("/mine")));
        assertEquals(phone, seen.get(0).remote().getAddress());
    }

    @Test
    void unreachableWhenRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        fetch = new HttpFetch(null, FAST, null);
        assertInstanceOf(FetchResult.Unreachable.class, fetch.get(URI.create("http://127.0.0.1:" + port + "/x")));
    }

    @Test
    void httpsIsNotSimulated() {
        fetch = new HttpFetch(null, FAST, null);
        assertEquals("https not supported by the simulator",
                assertInstanceOf(FetchResult.Failed.class, fetch.get(URI.create("https://127.0.0.1/x"))).detail());
    }

    @Test
    void refusesABodyOverTheLimit() {
        fetch = new HttpFetch(null, FAST, null, 5);
        assertInstanceOf(FetchResult.Failed.class, fetch.get(uri("/long-enough")));
        assertInstanceOf(FetchResult.Failed.class, fetch.get(uri("/chunked")));
        assertEquals(0, fetch.openConnections());
    }
}
