package org.phoneprov.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.cli.Loaded;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.MapView;
import org.phoneprov.common.config.SectionContext;
import org.phoneprov.common.config.SectionReader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.ReloadResult;
import org.phoneprov.common.daemon.RestartRule;
import org.phoneprov.common.daemon.SuiteServices;

/**
 * Issue 15's promise, kept by a test: a new daemon is one reader, one record and one
 * registry line. {@code echod} answers each datagram with its greeting; the config loader,
 * {@code check}-style errors, the runtime's start loop and SIGHUP handle it like any other.
 */
class AddedDaemonTest {
    /** The record. */
    record EchoSettings(String greeting) {
    }

    /** The reader. */
    static final class EchoReader implements SectionReader<EchoSettings> {
        static final EchoReader SECTION = new EchoReader();

        @Override
        public String name() {
            return "echod";
        }

        @Override
        public int defaultPort() {
            return 7;
        }

        @Override
        public Set<String> keys() {
            return Set.of("greeting");
        }

        @Override
        public EchoSettings read(Optional<MapView> section, SectionContext context) {
            return new EchoSettings(section.map(s -> s.string("greeting", "hello")).orElse("hello"));
        }
    }

    /** The daemon: the greeting reloads at once, the socket stays where it was bound. */
    static final class EchoDaemon implements Daemon {
        static final DaemonSpec SPEC = new DaemonSpec(EchoReader.SECTION, EchoDaemon::new);
        private final SuiteServices suite;
        private DatagramSocket socket;
        private Thread loop;

        EchoDaemon(SuiteServices suite) {
            this.suite = suite;
        }

        @Override
        public Map<String, InetSocketAddress> start() throws IOException {
            var listen = suite.initial().listen(EchoReader.SECTION);
            socket = new DatagramSocket(new InetSocketAddress(listen.bind(), listen.port()));
            loop = new Thread(this::serve, "echod");
            loop.start();
            return Map.of("echod", (InetSocketAddress) socket.getLocalSocketAddress());
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    byte[] g = suite.current().get().settings(EchoReader.SECTION).greeting()
                            .getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(g, g.length, p.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public ReloadResult reload(SuiteConfig before, SuiteConfig next) {
            if (next.settings(EchoReader.SECTION).greeting().equals("crash")) {
                throw new IllegalStateException("echod cannot take a crash"); // a daemon's bug, for the test below
            }
            return ReloadResult.restartFor(RestartRule.changed(List.of(RestartRule.listen(EchoReader.SECTION)),
                    before, next), "the greeting reloads now");
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.close();
            }
        }
    }

    @TempDir
    Path dir;

    /** The registry line. */
    private final DaemonRegistry registry = DaemonRegistry.BUILT_IN.plus(EchoDaemon.SPEC);

    private Path config(int port, String greeting) throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Path cfg = dir.resolve("phoneprov.yaml");
        Files.writeString(cfg, """
                suite: {address: 127.0.0.1}
                paths: {files: files, state: state}
                httpd: {enabled: false}
                echod:
                  bind: 127.0.0.1
                  port: %d
                  greeting: %s
                """.formatted(port, greeting));
        return cfg;
    }

    @Test
    void theSectionIsReadAndCheckedLikeTheBuiltInOnes() throws IOException {
        Path cfg = config(7007, "hi");
        LoadResult r = ConfigLoader.load(cfg, registry.sections());
        SuiteConfig c = r.config().orElseThrow(() -> new AssertionError(r.problems()));
        assertEquals(new EchoSettings("hi"), c.settings(EchoReader.SECTION));
        assertEquals(7007, c.listen(EchoReader.SECTION).port());
        assertEquals(registry.names(), c.daemons().stream().map(d -> d.name()).toList());

        // Without its registry line the section is an unknown key, with file, line and column.
        String unknown = ConfigLoader.load(cfg).problems().toString();
        assertTrue(unknown.contains("phoneprov.yaml:4:1:") && unknown.contains("echod"), unknown);
        // With it, a key the reader does not own is refused where it stands.
        Files.writeString(cfg, Files.readString(cfg).replace("greeting:", "greting:"));
        String typo = ConfigLoader.load(cfg, registry.sections()).problems().toString();
        assertTrue(typo.contains("phoneprov.yaml:7:3:") && typo.contains("greting"), typo);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theRuntimeStartsItAndReloadsIt() throws Exception {
        int port = freeUdpPort();
        Path cfg = config(port, "hi");
        Loaded.Ok ok = (Loaded.Ok) Loaded.load(cfg, registry, Optional.empty());
        try (SuiteRuntime suite = new SuiteRuntime(cfg, Set.of(), registry);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            suite.start(ok.snapshot());
            assertEquals(Set.of("echod"), suite.bound().keySet(), "only echod is enabled");
            client.setSoTimeout(5000);
            InetSocketAddress echod = suite.bound().get("echod");
            assertEquals("hi", ask(client, echod));

            config(port, "hello");
            SuiteRuntime.Reload.Done done = assertInstanceOf(SuiteRuntime.Reload.Done.class, suite.reload());
            assertEquals(Map.of(), done.waiting(), "a greeting applies at once");
            assertEquals(Map.of(), done.refused());
            assertEquals("hello", ask(client, echod));

            config(port == 65535 ? port - 1 : port + 1, "hello");
            done = assertInstanceOf(SuiteRuntime.Reload.Done.class, suite.reload());
            assertEquals(Map.of("echod", List.of("echod.enabled/bind/interface/port")), done.waiting());
            assertEquals("hello", ask(client, echod), "still on the port it was bound to");

            // A daemon that throws on reload is reported, not fatal: the suite and the daemon go on.
            config(port, "crash");
            done = assertInstanceOf(SuiteRuntime.Reload.Done.class, suite.reload());
            assertEquals(Map.of("echod", "java.lang.IllegalStateException: echod cannot take a crash"), done.refused());
            assertEquals(Map.of(), done.waiting());
            assertEquals("crash", ask(client, echod), "what it reads from the current config follows the new one");
            config(port, "hello");
            assertInstanceOf(SuiteRuntime.Reload.Done.class, suite.reload());

            Files.writeString(cfg, "echod: [not, a, map]\n");
            assertInstanceOf(SuiteRuntime.Reload.Refused.class, suite.reload());
            assertEquals("hello", ask(client, echod), "a refused reload leaves the daemon serving");
        }
    }

    private static String ask(DatagramSocket client, InetSocketAddress to) throws IOException {
        byte[] q = "?".getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(q, q.length, to));
        DatagramPacket p = new DatagramPacket(new byte[512], 512);
        client.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
