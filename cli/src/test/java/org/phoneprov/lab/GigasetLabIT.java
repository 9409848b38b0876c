package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.cli.Loaded;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;

/**
 * The Gigaset seed's provider side with clients we did not write, httpd in the server
 * namespace and the clients in the client one: python3's {@code xmlrpc.client} registers, checks
 * and deregisters retail phones at {@code /apxml/rpc.do}; curl, as a retail phone (variant 444),
 * is redirected to the registered URL; {@code curl --digest} fetches an activation code's profile
 * (locked, one-shot, wrong codes throttled); {@code openssl enc -d -aes-128-cbc} opens an
 * encrypted profile to what {@code phoneprov render --plain} shows; a restart keeps the
 * registrations and the spent codes; {@code phoneprov gigaset} and python agree on registrations. Last, the suite's own simulated Gigasets ({@code phoneprov
 * simulate}, with dhcpd too): by MAC through option 114, and redirected as a retail phone; the
 * activation codes the tests above spent or locked are refused to a new phone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GigasetLabIT {
    static final String BASE = "http://" + LabNet.SERVER_IP + "/";
    static final String RPC = "http://acme:acme-api@" + LabNet.SERVER_IP + "/apxml/rpc.do";
    static final String KEY = "00112233445566778899aabbccddeeff";
    static final String RETAIL = "7C2F80770901";
    static final String GIGASET = "gigaset:\n  providers:\n"
            + "    - {name: acme, id: \"123\", password: \"acme-api\", profile_key: \"" + KEY + "\"}\n"
            + "    - {name: other, id: \"456\", password: \"other-api\"}\n";
    static final String DEVICES = ""
            + "  - mac: 7C:2F:80:77:06:01\n    model: N510\n    provider: acme\n    lines:\n"
            + "      - {number: \"1601\", password: \"gs-1601\", display_name: \"Lab 1601\", registrar: 10.77.0.1}\n"
            + "  - activation_code: \"12387426549864#0815\"\n    model: N510\n    lines:\n"
            + "      - {number: \"1701\", password: \"gs-1701\", registrar: 10.77.0.1}\n"
            + "  - activation_code: \"4567\"\n    activation: one-shot\n    model: N720\n    lines:\n"
            + "      - {number: \"1702\", password: \"gs-1702\", registrar: 10.77.0.1}\n";
    static final String PY = """
            import json, sys, xmlrpc.client
            url, method, args = sys.argv[1], sys.argv[2], sys.argv[3:]
            try:
                out = ["ok", getattr(xmlrpc.client.ServerProxy(url).autoprov, method)(*args)]
            except xmlrpc.client.Fault as f:
                out = ["fault", f.faultCode, f.faultString]
            except xmlrpc.client.ProtocolError as e:
                out = ["http", e.errcode]
            print(json.dumps(out))
            """;
    static LabNet net;
    static Path work;
    static Path config;
    static PhoneprovProcess server;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "curl", "java", "openssl", "python3");
        work = Files.createTempDirectory("phoneprov-gigaset-lab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        config = work.resolve("phoneprov.yaml");
        String lab = Files.readString(config);
        assertTrue(lab.contains("  port: 80\n\ntftpd:"), "examples/lab's httpd section as this test expects it");
        // A probe limit, so the test can show that Gigaset's first question at boot is not a probe.
        Files.writeString(config, lab.replace("  port: 80\n\ntftpd:", "  port: 80\n  access: {probe_limit: "
                + "{not_found: 12, per_seconds: 600, block_seconds: 300}}\n\ntftpd:") + "\n" + GIGASET);
        Files.writeString(work.resolve("devices.yaml"), Files.readString(work.resolve("devices.yaml")) + DEVICES);
        Files.writeString(work.resolve("rpc.py"), PY);
        net = LabNet.create();
        start();
    }

    static void start() throws Exception {
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString(),
                "--only", "httpd");
        server.awaitLog("suite.started", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    /** One call through python's xmlrpc.client: ["ok", result], ["fault", code, text] or ["http", status]. */
    static String rpc(String url, String method, String... args) {
        List<String> cmd = new ArrayList<>(List.of("python3", work.resolve("rpc.py").toString(), url, method));
        cmd.addAll(List.of(args));
        Sh.Result r = Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 30);
        assertEquals(0, r.code(), r.out() + r.err());
        return r.out().trim();
    }

    /** curl in the client namespace: the status line's code, then the headers and body as text. */
    static String[] curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-D", "-", "-o",
                work.resolve("body").toString(), "-w", "\n%{http_code}"));
        cmd.addAll(List.of(args));
        Sh.Result r = Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 20);
        String out = r.out();
        String code = out.substring(out.lastIndexOf('\n') + 1).trim();
        return new String[] {code, out};
    }

    static String log() {
        return server.logText();
    }

    @Test
    @Order(1)
    void pythonsXmlRpcClientRegistersChecksAndDeregisters() {
        assertEquals("[\"ok\", [false, \"mac_not_found:" + RETAIL + "\"]]", rpc(RPC, "checkDevice", RETAIL + "-AB12"));
        assertEquals("[\"ok\", [true, \"ok\"]]", rpc(RPC, "registerDevice", RETAIL + "-AB12",
                "http://10.77.0.1/gigaset/%MACD.xml", "acme"));
        assertEquals("[\"ok\", [true, \"" + RETAIL + "\"]]", rpc(RPC, "checkDevice", RETAIL + "-AB12"));
        assertEquals("[\"ok\", [false, \"mac_not_exist:" + RETAIL + "\"]]", rpc(RPC, "checkDevice", RETAIL + "-FFFF"),
                "another check part than the one registered");
        assertEquals("[\"ok\", [false, \"mac_already_in_use:" + RETAIL + "\"]]", rpc("http://other:other-api@"
                + LabNet.SERVER_IP + "/apxml/rpc.do", "registerDevice", RETAIL, "http://x.example/", "other"),
                "another provider's phone");
        assertEquals("[\"ok\", [false, \"mac_invalid:7C2F80\"]]", rpc(RPC, "checkDevice", "7C2F80"));
        assertTrue(rpc(RPC, "registerDevice", "7C2F80770902", "ftp://x/", "acme").contains("url_invalid:ftp://x/"));
        assertEquals("[\"ok\", [true, \"ok\"]]", rpc(RPC, "registerDevice", "7C2F80770902", "http://x.example/", "acme"));
        assertEquals("[\"ok\", [true, \"ok\"]]", rpc(RPC, "deregisterDevice", "7C2F80770902"));
        assertEquals("[\"ok\", [false, \"mac_not_found:7C2F80770902\"]]", rpc(RPC, "checkDevice", "7C2F80770902"));
        assertTrue(log().contains("httpd.xmlrpc provider=\"acme\" autoprov.registerDevice \"" + RETAIL + "-AB12\""), log());
    }

    @Test
    @Order(2)
    void badCallsGetFaultsOrA401AndStoreNothing() throws Exception {
        String unknown = rpc(RPC, "renameDevice", RETAIL);
        assertTrue(unknown.startsWith("[\"fault\", -32601, \"method 'autoprov.renameDevice' not found"), unknown);
        String types = rpc(RPC, "checkDevice");
        assertTrue(types.startsWith("[\"fault\", -32602, "), types);
        Files.writeString(work.resolve("bad.xml"), "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><methodCall><methodName>&x;</methodName></methodCall>");
        String[] xxe = curl("-u", "acme:acme-api", "-H", "Content-Type: text/xml", "--data-binary", "@"
                + work.resolve("bad.xml"), BASE + "apxml/rpc.do");
        assertEquals("200", xxe[0], xxe[1]);
        String body = Files.readString(work.resolve("body"));
        assertTrue(body.contains("<fault>") && body.contains("-32700"), body);
        assertFalse(body.contains("root:"), "no entity was read: " + body);
        assertEquals("405", curl("-u", "acme:acme-api", BASE + "apxml/rpc.do")[0], "GET is not a call");
        assertEquals("[\"ok\", [true, \"" + RETAIL + "\"]]", rpc(RPC, "checkDevice", RETAIL), "still registered");
    }

    @Test
    @Order(3)
    void aRegisteredRetailPhoneIsRedirectedAndOthersRefused() {
        for (int i = 0; i < 20; i++) {
            assertEquals("404", curl("-A", "N510 IP PRO/42.245;" + RETAIL, BASE + "gigaset/provisioning.xml")[0],
                    "a Gigaset's first question at every boot (Gigaset wiki) is a 404 but no probe: never a 429");
        }
        String[] r = curl("-A", "Gigaset N510 IP PRO/42.245.00.000.000;" + RETAIL, BASE + "device/444/1/master.bin");
        assertEquals("302", r[0], r[1]);
        assertTrue(r[1].matches("(?is).*\\blocation: http://10\\.77\\.0\\.1/gigaset/" + RETAIL + "\\.xml\\r?\\n.*"), r[1]);
        assertEquals("404", curl("-A", "N510 IP PRO/42.245;7C2F80770999", BASE + "device/444/1/master.bin")[0]);
        assertEquals("404", curl("-A", "N510 IP PRO/42.245;" + RETAIL, BASE + "device/42/2/master.bin")[0],
                "not the retail variant");
        assertTrue(log().contains("httpd.reject reason=redirect_not_registered mac=7C:2F:80:77:09:99"), log());
    }

    @Test
    @Order(4)
    void curlWithDigestGetsAnActivationCodesProfileLockedToItsPhone() throws Exception {
        String ua = "Gigaset N510 IP PRO/42.245.00.000.000;7C2F80771001";
        String[] r = curl("--digest", "-u", "12387426549864:0815", "-A", ua, BASE + "gigaset/activation/7C2F80771001.xml");
        assertEquals("200", r[0], r[1] + log());
        byte[] file = Files.readAllBytes(work.resolve("body"));
        byte[] plain = decrypt(file);
        String xml = new String(plain, StandardCharsets.ISO_8859_1);
        assertTrue(xml.contains("<MAC_ADDRESS value=\"7C2F80771001\"/>"), xml);
        assertTrue(xml.contains("value='\"1701\"'") && xml.contains("value='\"gs-1701\"'"), xml);
        assertEquals("200", curl("--digest", "-u", "12387426549864:0815", "-A", ua,
                BASE + "gigaset/activation/7C2F80771001.xml")[0], "a locked code keeps working for its phone");
        assertEquals("403", curl("--digest", "-u", "12387426549864:0815", BASE
                + "gigaset/activation/7C2F80771002.xml")[0], "and for no other");
        assertEquals("200", curl("-A", ua, BASE + "gigaset/7C2F80771001.xml")[0],
                "its later checks come to the profile folder its profile names, without the code");
        assertEquals("404", curl("-A", "Gigaset N510 IP PRO/42.245;7C2F80771002", BASE + "gigaset/7C2F80771001.xml")[0],
                "not for another phone");
        assertEquals("200", curl("--digest", "-u", "4567:", BASE + "gigaset/activation/7C2F80771003.xml")[0]);
        assertEquals("403", curl("--digest", "-u", "4567:", BASE + "gigaset/activation/7C2F80771003.xml")[0],
                "a one-shot code works once");
        assertEquals("404", curl(BASE + "gigaset/7C2F80771003.xml")[0], "and has no later checks");
        assertTrue(log().contains("httpd.activation_refused reason=code_spent code=456... "), log());
        assertFalse(log().contains("0815"), "no code password in the log");
    }

    @Test
    @Order(5)
    void tenWrongCodesFromOneAddressAreThrottled() {
        for (int i = 1; i <= 9; i++) {
            assertEquals("401", curl("--digest", "-u", "1239999999" + i + ":x", BASE
                    + "gigaset/activation/7C2F80771009.xml")[0], "guess " + i);
        }
        assertEquals("401", curl("--digest", "-u", "12387426549864:wrong", BASE
                + "gigaset/activation/7C2F80771009.xml")[0], "the tenth blocks the address");
        assertEquals("429", curl("--digest", "-u", "12387426549864:0815", BASE
                + "gigaset/activation/7C2F80771001.xml")[0], "even the right code, while blocked");
        assertTrue(log().contains("httpd.guess_blocked client=10.77.0.2 wrong=10"), log());
        assertEquals("200", curl(BASE + "ST2030S.inf")[0], "files still flow to that address");
    }

    @Test
    @Order(6)
    void opensslOpensTheEncryptedProfileToWhatRenderShows() throws Exception {
        assertEquals("200", curl(BASE + "gigaset/7C2F80770601.xml")[0]);
        Path served = work.resolve("served.bin");
        Files.copy(work.resolve("body"), served, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] file = Files.readAllBytes(served);
        assertFalse(new String(file, StandardCharsets.ISO_8859_1).contains("ProviderFrame"), "not plain text");
        Path out = work.resolve("render.xml");
        Sh.Result r = Sh.run(List.of("bash", "-c", "java -jar \"$1\" render --config \"$2\" --mac 7C:2F:80:77:06:01 "
                + "--file gigaset/7C2F80770601.xml --plain > \"$3\"", "render", PhoneprovProcess.jar().toString(),
                config.toString(), out.toString()), 60);
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(out), decrypt(file), "openssl reads what render --plain shows");
        Loaded.Ok ok = (Loaded.Ok) Loaded.load(config, Optional.empty());
        Lookup l = ok.snapshot().resolve("gigaset/7C2F80770601.xml", Transport.HTTP);
        assertArrayEquals(((ServedFile.Generated) ((Lookup.Found) l).file()).bytes(), file, "render serves the same");
        assertTrue(new String(decrypt(file), StandardCharsets.ISO_8859_1).contains("value='\"gs-1601\"'"));
    }

    @Test
    @Order(7)
    void aRestartKeepsRegistrationsAndSpentCodes() throws Exception {
        assertEquals(0, server.stop(15), log());
        assertFalse(log().contains("Exception"), "no stack traces: " + log());
        start();
        assertEquals("[\"ok\", [true, \"" + RETAIL + "\"]]", rpc(RPC, "checkDevice", RETAIL));
        assertEquals("302", curl("-A", "N510 IP PRO/42.245;" + RETAIL, BASE + "device/444/1/master.bin")[0]);
        assertEquals("403", curl("--digest", "-u", "4567:", BASE + "gigaset/activation/7C2F80771003.xml")[0],
                "a spent code stays spent");
        assertEquals("[\"http\", 401]", rpc("http://acme:wrong@" + LabNet.SERVER_IP + "/apxml/rpc.do", "checkDevice",
                RETAIL), "a wrong API password (after the restart: the guess table of test 5 is gone)");
        assertEquals("[\"ok\", [true, \"ok\"]]", rpc(RPC, "deregisterDevice", RETAIL + "-AB12"));
        assertEquals("404", curl("-A", "N510 IP PRO/42.245;" + RETAIL, BASE + "device/444/1/master.bin")[0]);
        for (String secret : List.of(KEY, "acme-api", "0815", "gs-1601")) {
            assertFalse(log().contains(secret), "no secret in the log: " + secret);
        }
    }

    /** {@code phoneprov gigaset ...} in the client namespace, the password from the environment; its exit code and output. */
    static Sh.Result gigaset(String password, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "PHONEPROV_GIGASET_PASSWORD=" + password, "java", "-jar",
                PhoneprovProcess.jar().toString(), "gigaset"));
        cmd.addAll(List.of(args));
        return Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 60);
    }

    @Test
    @Order(8)
    void phoneprovsOwnClientAgreesWithPythons() {
        String api = BASE + "apxml/rpc.do";
        String mac = "7C2F80770903";
        Sh.Result reg = gigaset("acme-api", "register", "--url", api, "--user", "acme", mac + "-AB12",
                "http://10.77.0.1/gigaset/%MACD.xml");
        assertEquals(0, reg.code(), reg.out() + reg.err());
        assertTrue(reg.out().startsWith("ok\n"), reg.out());
        assertEquals("[\"ok\", [true, \"" + mac + "\"]]", rpc(RPC, "checkDevice", mac), "python sees the registration");
        Sh.Result check = gigaset("acme-api", "check", "--url", api, "--user", "acme", mac);
        assertEquals(0, check.code(), check.out() + check.err());
        Sh.Result wrong = gigaset("nope", "check", "--url", api, "--user", "acme", mac);
        assertEquals(3, wrong.code(), wrong.out() + wrong.err());
        assertTrue(wrong.err().contains("answered HTTP 401"), wrong.err());
        Sh.Result invalid = gigaset("acme-api", "check", "--url", api, "--user", "acme", "7C2F80");
        assertEquals(1, invalid.code());
        assertTrue(invalid.out().startsWith("mac_invalid:7C2F80\n"), invalid.out());
        assertEquals(0, gigaset("acme-api", "deregister", "--url", api, "--user", "acme", mac).code());
        assertEquals("[\"ok\", [false, \"mac_not_found:" + mac + "\"]]", rpc(RPC, "checkDevice", mac));
    }

    @Test
    @Order(9)
    void simulatedGigasetsProvisionByMacAndByRedirectAndMeetTheSpentCodes() throws Exception {
        assertEquals(0, server.stop(15), log());
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString(),
                "--only", "dhcpd,httpd");
        server.awaitLog("suite.started", 60);
        // The phones' namespace as PhoneLabIT sets it up: broadcasts routed, each phone on its own lease.
        net.phoneLan(net.client);
        Sh.Result byMac = simulate("--mac", "7C:2F:80:77:06:01");
        assertEquals(0, byMac.code(), () -> byMac.out() + byMac.err() + log());
        assertTrue(byMac.out().lines().anyMatch(l -> l.contains("7C:2F:80:77:06:01") && l.contains("PROVISIONED")
                && l.contains("{http=1}")), "option 114, then its encrypted profile: " + byMac.out());

        // The inventory's N510 as a retail phone: registered, it is redirected to its own profile.
        assertEquals("[\"ok\", [true, \"ok\"]]", rpc(RPC, "registerDevice", "7C2F80770601-AB12",
                "http://10.77.0.1/gigaset/%MACD.xml", "acme"));
        Sh.Result retail = simulate("--model", "N510", "--phones", "2", "--retail", "7C2F80770601");
        assertEquals(3, retail.code(), () -> retail.out() + retail.err() + log());
        assertTrue(retail.out().lines().anyMatch(l -> l.contains("7C:2F:80:77:06:01") && l.contains("PROVISIONED")
                && l.contains("{http=2}")), "the 302, then the profile: " + retail.out());
        assertTrue(retail.out().contains("httpd refused the activation code"), "the locked code is 7C2F80771001's: "
                + retail.out());
        assertTrue(log().contains("httpd.redirect mac=7C:2F:80:77:06:01 provider=\"acme\""), log());
    }

    static Sh.Result simulate(String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                "--config", config.toString(), "--state", work.resolve("phones").toString(), "--every-phone",
                "--retry-delay", "1"));
        cmd.addAll(List.of(args));
        return Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 120);
    }

    /** The documented command (README, ProfileCipher): the IV is the file's first 16 bytes. */
    static byte[] decrypt(byte[] file) throws Exception {
        Path in = work.resolve("enc.bin");
        Path out = work.resolve("dec.xml");
        Files.write(in, file);
        Sh.Result r = Sh.run(List.of("bash", "-c", "tail -c +17 \"$1\" | openssl enc -d -aes-128-cbc -K \"$2\" -iv "
                + "\"$(head -c 16 \"$1\" | od -An -tx1 | tr -d ' \\n')\" > \"$3\"", "dec", in.toString(), KEY,
                out.toString()), 20);
        assertEquals(0, r.code(), r.err());
        return Files.readAllBytes(out);
    }
}
