package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.cli.CertCommand;
import picocli.CommandLine;

/**
 * HTTPS and per-device access end to end: {@code phoneprov cert init} makes the CA, the
 * server and a phone's client certificate; {@code phoneprov run} serves examples/lab with
 * TLS (client certificates required), digest, lease binding and the probe limit; real curl
 * from the client namespace, from the addresses the inventory gives device A (10.77.1.1)
 * and device B (10.77.1.2), and from a prober (10.77.9.9).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpsLabIT {
    static final String HTTP = "http://" + LabNet.SERVER_IP + "/";
    static final String HTTPS = "https://" + LabNet.SERVER_IP + "/";
    static final String A_CONFIG = "ST2030S_00147F770001.txt";
    static final String B_CONFIG = "ST2030S_00147F770002.txt";
    static final String A_ADDRESS = "10.77.1.1";
    static final String B_ADDRESS = "10.77.1.2";
    static final String PROBER = "10.77.9.9";
    static final String A_PASSWORD = "http-a-secret";
    static final String B_PASSWORD = "http-b-secret";
    static final int NOT_FOUND_LIMIT = 20;

    static LabNet net;
    static Path work;
    static Path certs;
    static PhoneprovProcess server;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "curl", "java");
        work = Files.createTempDirectory("phoneprov-httpslab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        certs = work.resolve("certs");
        // In process: Main registers 'cert' separately, and this class is what the command is.
        assertEquals(0, new CommandLine(new CertCommand()).execute("init", "--dir", certs.toString(), "--config",
                work.resolve("phoneprov.yaml").toString(), "--client", "phone1"));

        Path yaml = work.resolve("phoneprov.yaml");
        String plain = "httpd:\n  enabled: true\n  bind: 10.77.0.1\n  port: 80\n";
        String config = Files.readString(yaml);
        assertTrue(config.contains(plain), "examples/lab/phoneprov.yaml changed its httpd section: " + config);
        Files.writeString(yaml, config.replace(plain, plain + """
                  tls:
                    port: 443
                    cert: certs/server.pem
                    key: certs/server.key
                    client_ca: certs/ca.pem
                    client_auth: require
                  access:
                    digest: true
                    lease_binding: true
                    probe_limit: {not_found: 20, per_seconds: 60, block_seconds: 300}
                """));
        Path devices = work.resolve("devices.yaml");
        String inventory = Files.readString(devices);
        for (String[] d : new String[][] {{A_ADDRESS, A_PASSWORD}, {B_ADDRESS, B_PASSWORD}}) {
            String line = "    address: " + d[0] + "\n";
            assertTrue(inventory.contains(line), inventory);
            inventory = inventory.replace(line, line + "    http_password: \"" + d[1] + "\"\n");
        }
        Files.writeString(devices, inventory);

        net = LabNet.create();
        for (String a : List.of(A_ADDRESS, B_ADDRESS, PROBER)) {
            net.in(net.client, "ip", "addr", "add", a + "/16", "dev", "eth0");
        }
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", yaml.toString(),
                "--only", "httpd");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!code(curl(HTTP + "ST2030S.inf")).equals("200")) {
            assertTrue(server.alive(), () -> "phoneprov exited: " + log());
            assertTrue(System.currentTimeMillis() < deadline, () -> "httpd did not answer in 60 s: " + log());
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (server != null) {
            server.close();
        }
        if (net != null) {
            net.close();
        }
        if (work != null) {
            try (Stream<Path> w = Files.walk(work)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** curl in the client namespace; the status code is the last line of its output. */
    static Sh.Result curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-o", "/dev/null",
                "-w", "%{http_code}\n"));
        cmd.addAll(List.of(args));
        return Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 30);
    }

    /** With the CA and the phone's client certificate: what a provisioned phone presents. */
    static Sh.Result curlTls(String... args) {
        List<String> cmd = new ArrayList<>(List.of("--cacert", certs.resolve("ca.pem").toString(), "--cert",
                certs.resolve("client-phone1.pem").toString(), "--key", certs.resolve("client-phone1.key").toString()));
        cmd.addAll(List.of(args));
        return curl(cmd.toArray(String[]::new));
    }

    static String code(Sh.Result r) {
        List<String> lines = r.out().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static String log() {
        return server.logText();
    }

    @Test
    @Order(1)
    void certInitWroteKeysPrivateAndRefusesToOverwrite() throws Exception {
        for (String key : List.of("ca.key", "server.key", "client-phone1.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve(key))));
        }
        String before = Files.readString(certs.resolve("server.pem"));
        assertEquals(1, new CommandLine(new CertCommand()).execute("init", "--dir", certs.toString(), "--ip",
                "10.77.0.1"), "existing files are not overwritten without --force");
        assertEquals(before, Files.readString(certs.resolve("server.pem")));
        assertEquals(0, new CommandLine(new CertCommand()).execute("client", "--dir", certs.toString(), "phone2"),
                "a later phone's certificate from the same CA");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                certs.resolve("client-phone2.key"))));
        assertEquals(1, new CommandLine(new CertCommand()).execute("client", "--dir", certs.toString(), "phone2"));
        Sh.Result check = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "check", "--config",
                work.resolve("phoneprov.yaml").toString()), 60);
        assertEquals(0, check.code(), check.err() + check.out());

        Path broken = work.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(work.resolve("phoneprov.yaml"))
                .replace("key: certs/server.key", "key: certs/client-phone1.key"));
        Sh.Result bad = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "check", "--config",
                broken.toString()), 60);
        assertEquals(1, bad.code());
        assertTrue(bad.err().matches("(?s).*" + broken + ":\\d+:\\d+: httpd\\.tls\\.key: the key in .*client-phone1\\.key"
                + " does not belong to the certificate in .*server\\.pem.*"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }

    @Test
    @Order(2)
    void httpsVerifiesWithTheSuitesCaInTls13And12() throws Exception {
        Sh.Result v13 = curlTls("-v", HTTPS + "ST2030S.inf");
        assertEquals("200", code(v13), v13.err());
        assertTrue(v13.err().contains("SSL connection using TLSv1.3"), v13.err());
        Sh.Result v12 = curlTls("-v", "--tlsv1.2", "--tls-max", "1.2", HTTPS + "ST2030S.inf");
        assertEquals("200", code(v12), v12.err());
        assertTrue(v12.err().contains("SSL connection using TLSv1.2"), v12.err());
        // With TLS configured, the INF sends the phone on over HTTPS too.
        Sh.Result inf = Sh.run(Sh.in(net.client, "curl", "-sS", "--max-time", "10", "--cacert",
                certs.resolve("ca.pem").toString(), "--cert", certs.resolve("client-phone1.pem").toString(), "--key",
                certs.resolve("client-phone1.key").toString(), HTTPS + "ST2030S.inf"), 30);
        assertTrue(inf.out().contains("fwurl=https://10.77.0.1/st2030/") && inf.out().contains("config=https://10.77.0.1/"),
                inf.out());

        Path firmware = work.resolve("files/st2030/v2030SG.R11.1.090213.2.67.1.zz");
        Sh.Result size = curlTls("-w", "%{size_download}\n", HTTPS + "st2030/v2030SG.R11.1.090213.2.67.1.zz");
        assertEquals(String.valueOf(Files.size(firmware)), code(size), "a static file, whole, through TLS");

        Sh.Result untrusted = curl("--cert", certs.resolve("client-phone1.pem").toString(), "--key",
                certs.resolve("client-phone1.key").toString(), HTTPS + "ST2030S.inf");
        assertEquals(60, untrusted.code(), "without --cacert curl cannot verify the server: " + untrusted.err());
        server.awaitLog("httpd.tls_refused", 10);
    }

    @Test
    @Order(3)
    void aClientCertificateIsRequired() throws Exception {
        int before = server.logCount("httpd.tls_refused");
        Sh.Result without = curl("--cacert", certs.resolve("ca.pem").toString(), HTTPS + "ST2030S.inf");
        assertNotEquals(0, without.code(), "no client certificate, no connection: " + without.out());
        assertNotEquals("200", code(without));
        server.awaitLog("httpd.tls_refused", before + 1, 10);
        assertTrue(log().lines().anyMatch(l -> l.contains("httpd.tls_refused from=" + LabNet.CLIENT_IP + ":")
                && l.contains("certificate")), log());
        assertEquals("200", code(curlTls(HTTPS + "ST2030S.inf")));
        assertEquals("200", code(curl("--cacert", certs.resolve("ca.pem").toString(), "--cert",
                certs.resolve("client-phone2.pem").toString(), "--key", certs.resolve("client-phone2.key").toString(),
                HTTPS + "ST2030S.inf")), "the certificate of 'cert client' is accepted too");
    }

    @Test
    @Order(4)
    void aDevicesOwnFilesNeedItsDigestCredentials() {
        assertEquals("401", code(curl("--interface", A_ADDRESS, HTTP + A_CONFIG)));
        assertEquals("200", code(curl("--interface", A_ADDRESS, "--digest", "-u", "00147F770001:" + A_PASSWORD,
                HTTP + A_CONFIG)));
        assertEquals("200", code(curl("--interface", A_ADDRESS, "--digest", "-u", "00147F770001:" + A_PASSWORD,
                "-X", "POST", "--data-binary", "", HTTP + A_CONFIG)), "phones POST for their configs");
        assertEquals("401", code(curl("--interface", A_ADDRESS, "--digest", "-u", "00147F770001:wrong",
                HTTP + A_CONFIG)));
        assertEquals("200", code(curlTls("--interface", A_ADDRESS, "--digest", "-u", "00147F770001:" + A_PASSWORD,
                HTTPS + "ST2030S_00147F770001.inf")), "its INF, over HTTPS");
        assertEquals("200", code(curl("--interface", A_ADDRESS, HTTP + "ST2030S.inf")), "shared files need nothing");
    }

    @Test
    @Order(5)
    void aDevicesConfigGoesOnlyToItsOwnAddress() throws Exception {
        Sh.Result fromB = curl("--interface", B_ADDRESS, "--digest", "-u", "00147F770001:" + A_PASSWORD,
                HTTP + A_CONFIG);
        assertEquals("403", code(fromB), "A's config from B's address, even with A's password");
        assertEquals("200", code(curl("--interface", B_ADDRESS, "--digest", "-u", "00147F770002:" + B_PASSWORD,
                HTTP + B_CONFIG)));
        assertEquals("403", code(curl("--digest", "-u", "00147F770001:" + A_PASSWORD, HTTP + A_CONFIG)),
                "an address no device has");
        server.awaitLog("httpd.access_denied reason=other_device mac=00:14:7F:77:00:01 client=" + B_ADDRESS, 10);
    }

    @Test
    @Order(6)
    void probingForMacsGetsTheProberBlocked() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--max-time", "20", "-w", "%{http_code}\n",
                "--interface", PROBER));
        for (int i = 0; i < 100; i++) {
            cmd.add("-o");
            cmd.add("/dev/null");
            cmd.add(HTTP + String.format(Locale.ROOT, "ST2030S_00147F%06X.txt",
                    ThreadLocalRandom.current().nextInt(0x800000, 0xFFFFFF)));
        }
        List<String> codes = Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 60).out().lines().toList();
        assertEquals(100, codes.size(), codes.toString());
        assertEquals(NOT_FOUND_LIMIT + 1, codes.stream().filter("404"::equals).count(), codes.toString());
        assertEquals(100 - NOT_FOUND_LIMIT - 1, codes.stream().filter("429"::equals).count(), codes.toString());
        assertEquals("429", codes.get(NOT_FOUND_LIMIT + 1), "blocked right after the limit: " + codes);
        assertEquals("429", code(curl("--interface", PROBER, HTTP + "ST2030S.inf")), "everything, while blocked");
        assertEquals("200", code(curl(HTTP + "ST2030S.inf")), "other addresses are served");
        server.awaitLog("httpd.probe_blocked client=" + PROBER, 10);
        assertEquals(1, server.logCount("httpd.probe_blocked"), "one line per block: " + log());
    }

    @Test
    @Order(7)
    void stopsCleanlyWithoutSecretsOrStackTracesInLogsAndEvents() throws Exception {
        assertEquals(0, server.stop(15), log());
        String all = log();
        assertFalse(all.contains("Exception") || all.contains("\tat "), "no stack traces: " + all);
        for (String secret : List.of(A_PASSWORD, B_PASSWORD, "PRIVATE KEY")) {
            assertFalse(all.contains(secret), secret + " in the log: " + all);
        }
        Sh.Result events = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--config",
                work.resolve("phoneprov.yaml").toString(), "--mac", "00-14-7f-77-00-01", "--last", "200"), 60).ok();
        List<String> lines = events.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains(A_CONFIG) && l.contains(" 403 ") && l.contains(B_ADDRESS)),
                "a refused request is an event: " + events.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains(A_CONFIG) && l.contains(" 401 ")), events.out());
        assertFalse(events.out().contains(A_PASSWORD), "no secrets in events");
    }
}
