package org.phoneprov.phonesim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpFetch#exchange}: any status with its header fields back, extra fields and the phone's User-Agent out. */
class HttpExchangeTest {
    static final String UA = "Gigaset N510 IP PRO/42.245.00.000.000;7C2F80770601";
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            seen.add(x.getRequestHeaders().getFirst("User-Agent") + " | " + x.getRequestHeaders().getFirst("Authorization"));
            if (x.getRequestURI().getPath().equals("/device/444/1/master.bin")) {
                x.getResponseHeaders().add("Location", "http://10.77.0.1/gigaset/7C2F80770601.xml");
                x.sendResponseHeaders(302, -1);
            } else {
                x.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"r\", nonce=\"a\", algorithm=SHA-256");
                x.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"r\", nonce=\"a\", algorithm=MD5");
                x.sendResponseHeaders(401, -1);
            }
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRedirectAndAChallengeComeBackWithTheirFields() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try (HttpFetch f = HttpFetch.withUserAgent(null, new FetchTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofMillis(200), 1), UA)) {
            HttpReply.Answered redirect = assertInstanceOf(HttpReply.Answered.class,
                    f.exchange(URI.create(base + "/device/444/1/master.bin"), Map.of()));
            assertEquals(302, redirect.status());
            assertEquals(java.util.Optional.of("http://10.77.0.1/gigaset/7C2F80770601.xml"), redirect.first("Location"));
            HttpReply.Answered challenge = assertInstanceOf(HttpReply.Answered.class,
                    f.exchange(URI.create(base + "/gigaset/activation/7C2F80770601.xml"),
                            Map.of("Authorization", "Digest username=\"4567\"")));
            assertEquals(401, challenge.status());
            assertEquals(List.of("Digest realm=\"r\", nonce=\"a\", algorithm=SHA-256",
                    "Digest realm=\"r\", nonce=\"a\", algorithm=MD5"), challenge.all("www-authenticate"));
        }
        assertEquals(List.of(UA + " | null", UA + " | Digest username=\"4567\""), seen);
        assertEquals("/a%20b?x=1", HttpFetch.requestTarget(URI.create("http://h/a%20b?x=1")));
        assertEquals("/", HttpFetch.requestTarget(URI.create("http://h")));
    }

    @Test
    void noServerIsNoAnswer() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpFetch f = HttpFetch.withUserAgent(null, FetchTimeouts.DEFAULTS, UA)) {
            HttpReply.NoAnswer n = assertInstanceOf(HttpReply.NoAnswer.class,
                    f.exchange(URI.create("http://127.0.0.1:" + port + "/x.xml"), Map.of()));
            assertInstanceOf(org.phoneprov.phonesim.fetch.FetchResult.Unreachable.class, n.failure());
        }
    }
}
