package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Addresses;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.Transport;
import org.slf4j.LoggerFactory;

/** Access control through the real pipeline: 401/403/429 as a client sees them, and what is logged. */
class AccessHandlerTest {
    private static final String CFG = FakeResolver.MAC_CONFIG;
    private static final String PASSWORD = "s3cret-pass";
    private static final InetAddress OWNER_AT = Addresses.parseLiteral("10.77.1.1").orElseThrow();
    private static final InetAddress OTHER_AT = Addresses.parseLiteral("10.77.1.2").orElseThrow();
    private static final Mac OTHER = Mac.parse("00:14:7F:77:00:02").orElseThrow();

    @TempDir
    Path dir;
    private final List<Event> events = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final AtomicReference<HttpdSettings.Access> rules = new AtomicReference<>();
    private final AtomicReference<Optional<Device.HttpCredentials>> credentials = new AtomicReference<>(
            Optional.of(new Device.HttpCredentials(FakeResolver.MAC.hex(), PASSWORD)));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger httpdLog = (Logger) LoggerFactory.getLogger("org.phoneprov.httpd");
    private ProvisioningHandler handler;
    private Connections connections;

    /** An EmbeddedChannel that says which address the client has. */
    private static final class From extends EmbeddedChannel {
        private InetSocketAddress remote;

        From(InetAddress client, io.netty.channel.ChannelHandler h) {
            super(h);
            remote = new InetSocketAddress(client, 40000);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        FakeResolver files = new FakeResolver(Files.write(dir.resolve("firmware.bin"), new byte[] {1, 2, 3}));
        Map<InetAddress, Mac> leases = Map.of(OWNER_AT, FakeResolver.MAC, OTHER_AT, OTHER);
        FileResolver resolver = new FileResolver() {
            @Override
            public Lookup resolve(String name, Transport transport) {
                return files.resolve(name, transport);
            }

            @Override
            public Optional<Mac> deviceAt(InetAddress client) {
                return Optional.ofNullable(leases.get(client));
            }
        };
        AccessSource source = new AccessSource() {
            @Override
            public HttpdSettings.Access access() {
                return rules.get();
            }

            @Override
            public Optional<Device> device(Mac mac) {
                return mac.equals(FakeResolver.MAC) ? Optional.of(AccessGateTest.device(mac, credentials.get()))
                        : Optional.empty();
            }
        };
        connections = new Connections();
        handler = new ProvisioningHandler(() -> resolver, events::add, connections,
                new RateLimitedLog(LoggerFactory.getLogger("org.phoneprov.httpd")), new HttpClock(), source,
                new AccessGate(new DigestAuth(new Nonces(new byte[32]))), now::get);
        logs.start();
        httpdLog.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        httpdLog.detachAppender(logs);
    }

    private From channel(InetAddress client) {
        return new From(client, new HttpChannelInitializer(handler, connections));
    }

    private static String request(String method, String target, String... headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: t\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** The raw response, for fields that occur more than once. */
    private static String raw(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        return new String(Wire.drain(ch, true), StandardCharsets.ISO_8859_1);
    }

    private List<String> lines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void digestGuardsTheDevicesFilesOnlyAndNeverLogsThePassword() {
        rules.set(new HttpdSettings.Access(true, "phoneprov", List.of("SHA-256", "MD5"), 300, false, Optional.empty()));
        EmbeddedChannel ch = channel(OWNER_AT);
        String challenge = raw(ch, request("GET", CFG));
        assertTrue(challenge.startsWith("HTTP/1.1 401 "), challenge);
        List<String> offered = challenge.lines().filter(l -> l.startsWith("www-authenticate: ")).map(l -> l.substring(18))
                .toList();
        assertEquals(2, offered.size(), challenge);
        assertTrue(offered.get(0).contains("algorithm=SHA-256") && offered.get(1).contains("algorithm=MD5"), challenge);

        for (String c : offered) {
            Wire.Response ok = Wire.exchange(ch, request("GET", CFG, "Authorization: "
                    + DigestAuthTest.answer(c, FakeResolver.MAC.hex(), PASSWORD, "GET", CFG)));
            assertEquals(200, ok.status(), c);
            assertArrayEquals(FakeResolver.CONFIG_BYTES, ok.body());
        }
        Wire.Response wrong = Wire.exchange(ch, request("POST", CFG, "Content-Length: 0", "Authorization: "
                + DigestAuthTest.answer(offered.get(1), FakeResolver.MAC.hex(), "guess", "POST", CFG)));
        assertEquals(401, wrong.status());
        assertTrue(wrong.header("WWW-Authenticate").startsWith("Digest "), "a new challenge");
        assertEquals(200, Wire.exchange(ch, request("GET", "/firmware.bin")).status(), "shared files need nothing");
        assertEquals(404, Wire.exchange(ch, request("GET", "/ST2030S_000E50112299.txt")).status());

        assertTrue(lines().stream().anyMatch(l -> l.startsWith("httpd.auth_failed reason=wrong_password mac="
                + FakeResolver.MAC + " client=10.77.1.1:40000 path=\"" + CFG + "\"")), lines().toString());
        assertTrue(lines().stream().noneMatch(l -> l.contains(PASSWORD) || l.contains("guess")), lines().toString());
        assertEquals(List.of("401", "200", "200", "401", "200", "404"), events.stream().map(Event::result).toList());
        assertEquals(Optional.of(FakeResolver.MAC), events.get(0).device(), "a 401 names the device");
    }

    @Test
    void aDeviceWithoutPasswordIsRefusedWithAClearLine() {
        rules.set(new HttpdSettings.Access(true, "phoneprov", List.of("MD5"), 300, false, Optional.empty()));
        credentials.set(Optional.empty());
        assertEquals(403, Wire.exchange(channel(OWNER_AT), request("GET", CFG)).status());
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("httpd.access_denied reason=no_http_password mac="
                + FakeResolver.MAC)), lines().toString());
    }

    @Test
    void leaseBindingServesOnlyTheOwnersAddress() {
        rules.set(new HttpdSettings.Access(false, "phoneprov", List.of("MD5"), 300, true, Optional.empty()));
        Wire.Response other = Wire.exchange(channel(OTHER_AT), request("GET", CFG));
        assertEquals(403, other.status());
        assertEquals("forbidden\n", other.text());
        assertEquals(200, Wire.exchange(channel(OWNER_AT), request("GET", CFG)).status());
        assertEquals(403, Wire.exchange(channel(Addresses.parseLiteral("10.77.0.2").orElseThrow()),
                request("GET", CFG)).status(), "an address nobody holds");
        assertEquals(200, Wire.exchange(channel(OTHER_AT), request("GET", "/firmware.bin")).status());
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("httpd.access_denied reason=other_device mac="
                + FakeResolver.MAC + " client=10.77.1.2:40000") && l.endsWith("holder=" + OTHER)), lines().toString());
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("httpd.access_denied reason=unknown_address")));
        assertEquals("403", events.get(0).result());
    }

    @Test
    void tooMany404sBlockEveryRequestFromThatAddressForAWhile() {
        rules.set(new HttpdSettings.Access(false, "phoneprov", List.of("MD5"), 300, false,
                Optional.of(new HttpdSettings.ProbeLimit(3, 60, 300, 100))));
        EmbeddedChannel ch = channel(OTHER_AT);
        for (int i = 0; i < 4; i++) {
            assertEquals(404, Wire.exchange(ch, request("GET", "/ST2030S_00147F7700" + (10 + i) + ".txt")).status());
        }
        Wire.Response blocked = Wire.exchange(ch, request("GET", "/firmware.bin"));
        assertEquals(429, blocked.status());
        assertEquals("300", blocked.header("Retry-After"));
        assertEquals("close", blocked.header("Connection"));
        assertFalse(ch.isOpen());
        assertEquals(200, Wire.exchange(channel(OWNER_AT), request("GET", "/firmware.bin")).status(), "others are served");
        now.addAndGet(120_000);
        assertEquals("180", Wire.exchange(channel(OTHER_AT), request("GET", CFG)).header("Retry-After"));
        now.addAndGet(180_000);
        assertEquals(200, Wire.exchange(channel(OTHER_AT), request("GET", "/firmware.bin")).status(), "the block ends");

        List<String> blocks = lines().stream().filter(l -> l.startsWith("httpd.probe_blocked")).toList();
        assertEquals(List.of("httpd.probe_blocked client=10.77.1.2 not_found=4 within_seconds=60 block_seconds=300"),
                blocks, "one line per block");
        assertEquals(1, events.stream().filter(e -> e.result().equals("probe_blocked")).count());
    }
}
