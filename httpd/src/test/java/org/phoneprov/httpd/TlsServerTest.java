package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.events.Event;
import org.slf4j.LoggerFactory;

/** HTTPS over loopback: both protocol versions, client certificates required or absent, refusals as one line. */
@Timeout(60)
class TlsServerTest {
    private static TestPki pki;

    @TempDir
    Path dir;
    private byte[] firmware;
    private FakeResolver resolver;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger httpdLog = (Logger) LoggerFactory.getLogger("org.phoneprov.httpd");
    private HttpServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki();
    }

    @BeforeEach
    void setUp() throws Exception {
        firmware = new byte[200_000];
        for (int i = 0; i < firmware.length; i++) {
            firmware[i] = (byte) (i * 7 + (i >> 9));
        }
        resolver = new FakeResolver(Files.write(dir.resolve("firmware.bin"), firmware));
        logs.start();
        httpdLog.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        httpdLog.detachAppender(logs);
    }

    private int start(HttpdSettings.ClientAuth auth, boolean plain) throws Exception {
        DaemonConfig config = new DaemonConfig("httpd", true, InetAddress.getLoopbackAddress(), Optional.empty(), 0);
        server = new HttpServer(config, new HttpdSettings(Optional.of(pki.tls(auth, plain)), HttpdSettings.Access.OFF),
                () -> resolver, AccessSource.OPEN, () -> HttpdSettings.Limits.DEFAULT, events::add);
        server.start();
        return server.tlsAddress().orElseThrow().getPort();
    }

    private static HttpResponse<byte[]> get(SSLContext ctx, String protocol, int port, String path) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ctx)
                .connectTimeout(Duration.ofSeconds(5));
        if (protocol != null) {
            SSLParameters p = ctx.getDefaultSSLParameters();
            p.setProtocols(new String[] {protocol});
            b.sslParameters(p);
        }
        return b.build().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void bothProtocolVersionsServeGeneratedAndStaticFiles() throws Exception {
        int port = start(HttpdSettings.ClientAuth.NONE, true);
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLContext ctx = pki.clientContext(null, true);
            HttpResponse<byte[]> cfg = get(ctx, protocol, port, FakeResolver.MAC_CONFIG);
            assertEquals(200, cfg.statusCode());
            assertEquals(protocol, cfg.sslSession().orElseThrow().getProtocol());
            assertArrayEquals(FakeResolver.CONFIG_BYTES, cfg.body());
            HttpResponse<byte[]> fw = get(ctx, protocol, port, "/firmware.bin");
            assertEquals(200, fw.statusCode());
            assertArrayEquals(firmware, fw.body(), "a static file goes in chunks through the SslHandler");
        }
        assertThrows(IOException.class, () -> get(pki.clientContext(null, false), null, port, "/firmware.bin"),
                "a client that does not trust the CA gives up");
        ILoggingEvent refused = awaitLine("httpd.tls_refused");
        assertTrue(refused.getFormattedMessage().contains("from=127.0.0.1:"), refused.getFormattedMessage());
        assertNull(refused.getThrowableProxy(), "no stack trace");
    }

    @Test
    void aRequiredClientCertificateIsCheckedInTheHandshake() throws Exception {
        int port = start(HttpdSettings.ClientAuth.REQUIRE, false);
        assertEquals(port, server.tlsAddress().orElseThrow().getPort());
        HttpResponse<byte[]> ok = get(pki.clientContext(pki.client, true), null, port, FakeResolver.MAC_CONFIG);
        assertEquals(200, ok.statusCode());
        assertEquals("CN=phone", ok.sslSession().orElseThrow().getLocalPrincipal().getName());
        assertEquals("200", events.poll(5, java.util.concurrent.TimeUnit.SECONDS).result(),
                "the request's event, recorded when its write completes");

        String[] reasons = {"Empty client certificate chain", "PKIX path"};
        TestPki.Issued[] clients = {null, pki.stranger};
        for (int i = 0; i < clients.length; i++) {
            TestPki.Issued who = clients[i];
            synchronized (logs) {
                logs.list.clear();
            }
            events.clear();
            assertThrows(IOException.class, () -> oneConnection(pki.clientContext(who, true), port));
            ILoggingEvent line = awaitLine("httpd.tls_refused");
            assertNull(line.getThrowableProxy());
            Thread.sleep(200); // anything else the failure might log arrives meanwhile
            List<String> all = logged().stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, all.size(), "one line per refused connection: " + all);
            assertFalse(all.get(0).contains("Exception"), all.get(0));
            assertTrue(all.get(0).contains(reasons[i]), all.get(0));
            Event e = events.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("tls_refused", e.result());
            assertEquals("TLS", e.action());
        }
    }

    @Test
    void plainHttpOnTheTlsPortIsRefusedWithoutEchoingTheRequest() throws Exception {
        int port = start(HttpdSettings.ClientAuth.NONE, true);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /x HTTP/1.1\r\nAuthorization: Basic c2VjcmV0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            in.readAllBytes(); // the server closes
        }
        String line = awaitLine("httpd.tls_refused").getFormattedMessage();
        assertTrue(line.contains("not a TLS record"), line);
        assertFalse(line.contains("c2VjcmV0") || line.contains("417574686f72697a6174696f6e"), line);
    }

    /** One connection, one request (HttpClient would retry a failed GET on a second connection). */
    private static void oneConnection(SSLContext ctx, int port) throws IOException {
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            s.getOutputStream().write(("GET " + FakeResolver.MAC_CONFIG + " HTTP/1.1\r\nHost: t\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            if (s.getInputStream().read() < 0) {
                throw new IOException("closed without an answer");
            }
        }
    }

    /** Workers append under the appender's lock (AppenderBase.doAppend); read under it too. */
    private List<ILoggingEvent> logged() {
        synchronized (logs) {
            return List.copyOf(logs.list);
        }
    }

    private ILoggingEvent awaitLine(String event) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (ILoggingEvent e : logged()) {
                if (e.getFormattedMessage().startsWith(event)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + event + " line in " + logged());
    }
}
