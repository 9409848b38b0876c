package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.provision.Lookup;

/** The one test over a real socket: keep-alive GETs of both kinds of file and a Range. */
@Timeout(30)
class HttpServerTest {

    @TempDir
    Path dir;

    @Test
    void servesOverKeepAliveConnections() throws Exception {
        byte[] firmware = new byte[300_000];
        for (int i = 0; i < firmware.length; i++) {
            firmware[i] = (byte) (i ^ (i >> 8));
        }
        Path fw = Files.write(dir.resolve("firmware.bin"), firmware);
        FakeResolver resolver = new FakeResolver(fw);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        DaemonConfig config = new DaemonConfig("httpd", true, InetAddress.getLoopbackAddress(), Optional.empty(), 0);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpServer server = new HttpServer(config, () -> resolver, events::add);
        try {
            InetSocketAddress bound = server.start();
            assertTrue(bound.getPort() > 0);
            String base = "http://127.0.0.1:" + bound.getPort();

            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + FakeResolver.MAC_CONFIG))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode());
                assertArrayEquals(FakeResolver.CONFIG_BYTES, r.body());
                assertEquals("phoneprov", r.headers().firstValue("server").orElse(null));
            }
            HttpResponse<byte[]> s = client.send(HttpRequest.newBuilder(URI.create(base + "/firmware.bin")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, s.statusCode());
            assertArrayEquals(firmware, s.body());

            HttpResponse<byte[]> range = client.send(HttpRequest.newBuilder(URI.create(base + "/firmware.bin"))
                    .header("Range", "bytes=1000-1999").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, range.statusCode());
            assertEquals("bytes 1000-1999/300000", range.headers().firstValue("content-range").orElse(null));
            assertArrayEquals(Arrays.copyOfRange(firmware, 1000, 2000), range.body());

            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            assertEquals("not found\n", missing.body());

            Set<Integer> clientPorts = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                Event e = events.poll(5, TimeUnit.SECONDS);
                assertNotNull(e, "event " + i);
                clientPorts.add(e.client().orElseThrow().getPort());
            }
            assertEquals(1, clientPorts.size(), "all requests on one kept-alive connection");

            BindException clash = assertThrows(BindException.class, () -> new HttpServer(
                    new DaemonConfig("httpd", true, InetAddress.getLoopbackAddress(), Optional.empty(), bound.getPort()),
                    () -> resolver, events::add).start());
            assertTrue(clash.getMessage().startsWith("httpd cannot listen on 127.0.0.1:" + bound.getPort() + ": "),
                    clash.getMessage());
        } finally {
            server.close();
        }
        server.close(); // idempotent
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void interfaceIsBoundWithEpoll() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "SO_BINDTODEVICE needs native epoll");
        InetAddress lo = InetAddress.getLoopbackAddress();
        HttpServer onLo = new HttpServer(new DaemonConfig("httpd", true, lo, Optional.of("lo"), 0),
                () -> (name, transport) -> new Lookup.NotFound(name), EventSink.NONE);
        try {
            int port = onLo.start().getPort();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
        } finally {
            onLo.close();
        }
        HttpServer nowhere = new HttpServer(new DaemonConfig("httpd", true, lo, Optional.of("nosuchif0"), 0),
                () -> (name, transport) -> new Lookup.NotFound(name), EventSink.NONE);
        BindException e = assertThrows(BindException.class, nowhere::start);
        assertEquals("httpd cannot listen on 127.0.0.1:0 (interface nosuchif0): No such device", e.getMessage());
        nowhere.close();
    }
}
