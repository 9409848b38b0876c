package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.common.provision.InfFile;

/**
 * httpd end to end in the lab: {@code phoneprov run} with examples/lab in the server
 * namespace (10.77.0.1 on lab0), curl in the client namespace doing what an ST20xx
 * does over HTTP (APS seed 2.5): its INF, then every URL in it, config URLs by POST.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpLabIT {
    static final String BASE = "http://" + LabNet.SERVER_IP + "/";
    static final Map<String, String> PHONES = new LinkedHashMap<>();

    static {
        PHONES.put("ST2030S", "00147F770001");
        PHONES.put("ST2030M", "00147F770101");
        PHONES.put("ST2022S", "00147F770201");
        PHONES.put("ST2022M", "00147F770301");
    }

    /** INF sections and keys of seed 2.5.3 (HTTP), with the certificate keys of 2.4.4. */
    static final Map<String, Set<String>> SEED_SYNTAX = Map.of(
            "provision_mode", Set.of("provision_mode"),
            "application", Set.of("fwurl"),
            "deckfile", Set.of("deckfile"),
            "melody", Set.of("melodies", "system_melodies", "call_waiting_tone", "beep_tone", "language_table", "tone_table"),
            "config", Set.of("common_config", "telcfg", "config", "certAPSfilename", "pkeyAPSfilename",
                    "calistAPSfilename", "certSIPsfilename", "pkeySIPsfilename", "calistSIPsfilename"));

    static LabNet net;
    static Path work;
    static PhoneprovProcess server;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "curl", "java");
        work = Files.createTempDirectory("phoneprov-httplab-");
        copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        Files.writeString(work.resolve("secret-outside-root.txt"), "TOP-SECRET\n");
        // A Gigaset beside the ST20xx phones, from the same kind of inventory record (issue 12).
        Files.writeString(work.resolve("devices.yaml"), Files.readString(work.resolve("devices.yaml"))
                + "  - mac: 7C:2F:80:77:05:01\n    model: N510\n    lines:\n"
                + "      - {number: \"1501\", auth_user: \"a1501\", password: \"gs&1501\", display_name: \"Lab 1501\", registrar: 10.77.0.1}\n");
        net = LabNet.create();
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config",
                work.resolve("phoneprov.yaml").toString(), "--only", "httpd");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!curl("GET", "ST2030S.inf").status.equals("200")) {
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

    record Reply(String status, String body) {
    }

    static Reply curl(String method, String pathOrUrl, String... extra) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : BASE + pathOrUrl;
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "--path-as-is",
                "-X", method, "-w", "\n%{http_code}"));
        if (method.equals("POST")) {
            cmd.addAll(List.of("--data-binary", ""));
        }
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Sh.Result r = Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 20);
        String out = r.out();
        int nl = out.lastIndexOf('\n');
        return new Reply(nl < 0 ? out : out.substring(nl + 1), nl < 0 ? "" : out.substring(0, nl));
    }

    static String log() {
        return server.logText();
    }

    @Test
    @Order(1)
    void everyModelProvisionsByGetAndByPost() {
        for (Map.Entry<String, String> phone : PHONES.entrySet()) {
            String model = phone.getKey();
            for (String method : List.of("GET", "POST")) {
                Reply inf = curl(method, model + "_" + phone.getValue() + ".inf");
                assertEquals("200", inf.status, model + " " + method + " INF");
                InfFile parsed = InfFile.parse(inf.body);
                assertEquals(List.of(), parsed.errors(), "INF lines follow the [section] / key=value syntax");
                for (InfFile.Entry e : parsed.entries()) {
                    assertTrue(SEED_SYNTAX.getOrDefault(e.section(), Set.of()).contains(e.key()),
                            model + ": [" + e.section() + "] " + e.key() + " is not in seed 2.5.3");
                    if (!e.key().equals("provision_mode")) {
                        assertTrue(e.value().startsWith(BASE), e.key() + "=" + e.value() + " is a URL on the suite");
                        assertTrue(e.value().length() <= 255, "seed 2.5.3: at most 255 characters");
                    }
                }
                assertEquals("auto_provisioning", parsed.first("provision_mode").orElseThrow());
                assertEquals(model.endsWith("M"), !parsed.all("deckfile").isEmpty(), "deck files are for MGCP only");
                for (String key : List.of("fwurl", "common_config", "telcfg", "melodies", "deckfile")) {
                    for (String url : parsed.all(key)) {
                        Reply r = curl(key.equals("common_config") || key.equals("telcfg") ? method : "GET", url);
                        assertEquals("200", r.status, model + " " + key + " " + url);
                    }
                }
                for (String key : List.of("common_config", "telcfg")) {
                    InfFile cfg = InfFile.parse(curl(method, parsed.first(key).orElseThrow()).body);
                    assertEquals(List.of(), cfg.errors(), key + " is INI syntax");
                }
                Reply mac = curl(method, parsed.first("config").orElseThrow() + model + "_" + phone.getValue() + ".txt");
                assertEquals("200", mac.status, model + " MAC config");
                InfFile cfg = InfFile.parse(mac.body);
                assertEquals(List.of(), cfg.errors());
                assertTrue(cfg.first("config_sn").orElseThrow().matches("\\d{12}"), "config_sn has 12 digits");
                if (model.endsWith("S")) {
                    assertEquals(LabNet.SERVER_IP, cfg.first("AuthNotifyCheckSync").orElseThrow());
                }
            }
        }
    }

    @Test
    @Order(2)
    void headRangeAndConditionalRequests() {
        Reply head = curl("HEAD", "ST2030S_00147F770001.txt", "-I");
        assertEquals("200", head.status);
        String etag = head.body.lines().filter(l -> l.toLowerCase().startsWith("etag:")).findFirst().orElseThrow()
                .substring(5).trim();
        assertEquals("304", curl("GET", "ST2030S_00147F770001.txt", "-H", "If-None-Match: " + etag).status);
        Reply range = curl("GET", "ST2030S_00147F770001.txt", "-H", "Range: bytes=0-5");
        assertEquals("206", range.status);
        assertEquals(6, range.body.length());
    }

    @Test
    @Order(3)
    void unknownDevicesAndTraversalsGetA404ThatRevealsNothing() {
        Reply unknownMac = curl("GET", "ST2030S_00147F770099.txt");
        Reply nonsense = curl("GET", "no-such-file.txt");
        assertEquals("404", unknownMac.status);
        assertEquals(nonsense.body, unknownMac.body, "no hint whether a MAC exists");
        List<String> corpus = List.of("../secret-outside-root.txt", "..%2fsecret-outside-root.txt",
                "%2e%2e/secret-outside-root.txt", "%2e%2e%2fsecret-outside-root.txt", "..%5csecret-outside-root.txt",
                "..\\secret-outside-root.txt", "files/../../secret-outside-root.txt", "st2030/../../secret-outside-root.txt",
                "%252e%252e/secret-outside-root.txt", "..%252fsecret-outside-root.txt", "C:%5csecret-outside-root.txt",
                "c:/secret-outside-root.txt", "/../secret-outside-root.txt", "//../secret-outside-root.txt",
                "./../secret-outside-root.txt", "st2030/%2e%2e/%2e%2e/secret-outside-root.txt",
                "%c0%ae%c0%ae/secret-outside-root.txt", "..%00/secret-outside-root.txt",
                "secret-outside-root.txt%00.txt", "..;/secret-outside-root.txt", "%2e%2e%5csecret-outside-root.txt",
                "st2030%2f..%2f..%2fsecret-outside-root.txt", "../phoneprov.yaml", "../devices.yaml",
                "%2e%2e/devices.yaml", "..%2fdevices.yaml", "../../../../etc/passwd", "%2fetc%2fpasswd",
                "/%2e%2e/%2e%2e/etc/passwd", ".%2e/devices.yaml", "%2e./devices.yaml", "..%2f..%2f..%2fetc%2fpasswd");
        assertTrue(corpus.size() >= 30);
        for (String attack : corpus) {
            Reply r = curl("GET", attack);
            assertTrue(r.status.startsWith("4"), attack + " -> " + r.status);
            assertFalse(r.body.contains("TOP-SECRET") || r.body.contains("password") || r.body.contains("root:"),
                    attack + " leaked: " + r.body);
        }
        for (String garbage : List.of("NOT A REQUEST LINE", "GET /ST2030S.inf HTTP/9.9", "GET  HTTP/1.1",
                "GET /ST2030S\u0001.inf HTTP/1.1", "GET /ST2030S.inf HTTP/1.1\r\nHost", "GET /" + "A".repeat(5000) + " HTTP/1.1")) {
            String raw = Sh.run(Sh.in(net.client, "timeout", "10", "bash", "-c", "exec 3<>/dev/tcp/" + LabNet.SERVER_IP
                    + "/80; printf '%s\\r\\n\\r\\n' \"$1\" >&3; head -c 12 <&3", "raw", garbage), 20).out();
            assertTrue(raw.matches("(?s)HTTP/1\\.[01] (4|505).*"), "a malformed request line gets a 4xx (505 for HTTP/9.9): " + garbage.replace("\u0001", "^A") + " -> " + raw);
        }
        assertEquals("200", curl("GET", "ST2030S.inf").status, "the server keeps serving");
    }

    @Test
    @Order(4)
    void sighupChangesOneDevicesPasswordAndConfigSnOnly() throws Exception {
        Map<String, String> before = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : PHONES.entrySet()) {
            before.put(p.getKey(), curl("GET", p.getKey() + "_" + p.getValue() + ".txt").body);
        }
        String otherSibling = curl("GET", "ST2030S_00147F770002.txt").body;
        Path inventory = work.resolve("devices.yaml");
        String text = Files.readString(inventory);
        assertTrue(text.contains("password: \"lab-1001\""));
        Files.writeString(inventory, text.replace("password: \"lab-1001\"", "password: \"rotated-1001\""));
        server.signal("HUP");
        String after = waitForChange("ST2030S_00147F770001.txt", before.get("ST2030S"));
        assertTrue(after.contains("rotated-1001"));
        assertNotEquals(InfFile.parse(before.get("ST2030S")).first("config_sn"), InfFile.parse(after).first("config_sn"));
        for (Map.Entry<String, String> p : PHONES.entrySet()) {
            if (!p.getKey().equals("ST2030S")) {
                assertEquals(before.get(p.getKey()), curl("GET", p.getKey() + "_" + p.getValue() + ".txt").body,
                        p.getKey() + " must not change");
            }
        }
        assertEquals(otherSibling, curl("GET", "ST2030S_00147F770002.txt").body);
        assertTrue(log().contains("config.reloaded"), log());
    }

    @Test
    @Order(5)
    void anInvalidReloadIsRefusedAndTheOldConfigKeepsServing() throws Exception {
        String current = curl("GET", "ST2030S_00147F770001.txt").body;
        Path inventory = work.resolve("devices.yaml");
        String good = Files.readString(inventory);
        Files.writeString(inventory, good.replace("00:14:7F:77:00:02", "00:14:7F:77:00:01"));
        server.signal("HUP");
        server.awaitLog("config.reload_refused", 20);
        assertTrue(log().contains("devices.yaml:"), "the refusal names the file: " + log());
        assertEquals(current, curl("GET", "ST2030S_00147F770001.txt").body);
        Files.writeString(inventory, good);
    }

    @Test
    @Order(6)
    void aStaticFileFetchedFromADevicesAddressIsRecordedForThatDevice() {
        // 00:14:7F:77:00:01 has address 10.77.1.1 in the lab inventory.
        Sh.run(Sh.in(net.client, "ip", "addr", "add", "10.77.1.1/16", "dev", "eth0"), 10).ok();
        assertEquals("200", curl("GET", "st2030/v2030SG.R11.1.090213.2.67.1.zz", "--interface", "10.77.1.1").status);
    }

    @Test
    @Order(7)
    void aGigasetGetsItsProfileByMacAndAnUnknownMacA404() throws Exception {
        Reply r = curl("GET", "gigaset/7C2F80770501.xml", "-A", "Gigaset N510 IP PRO/42.245.00.000.000;7C2F80770501");
        assertEquals("200", r.status, r.body);
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                r.body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals("ProviderFrame", doc.getDocumentElement().getTagName());
        assertEquals("7C2F80770501", ((org.w3c.dom.Element) doc.getElementsByTagName("MAC_ADDRESS").item(0))
                .getAttribute("value"));
        assertTrue(r.body.contains("ID=\"BS_IP_Data3.aucS_SIP_LOGIN_ID\" class=\"symb_item\" value='\"a1501\"'"), r.body);
        assertTrue(r.body.contains("value='\"gs&amp;1501\"'"), "escaped: " + r.body);
        assertEquals("404", curl("GET", "gigaset/7C2F80770599.xml").status, "a MAC not in the inventory");
        assertEquals("404", curl("GET", "gigaset/7C2F80770501.xml", "-A", "Gigaset N510 IP PRO/42.245.00.000.000;7C2F80770502")
                .status, "another phone's MAC beside the request (Gigaset seed, remark *1): refused like an unknown MAC");
    }

    @Test
    @Order(8)
    void sigtermStopsCleanly() throws Exception {
        assertEquals(0, server.stop(15), log());
        assertTrue(log().contains("suite.stopped"), log());
        assertFalse(log().contains("Exception"), "no stack traces: " + log());
        Sh.Result events = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--config",
                work.resolve("phoneprov.yaml").toString(), "--mac", "00-14-7f-77-00-01", "--last", "500"), 60).ok();
        List<String> lines = events.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains(" GET ") && l.contains("ST2030S_00147F770001.inf")
                && l.contains(" 200 ") && l.contains(LabNet.CLIENT_IP)), "every request is an event: " + events.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains(" POST ") && l.contains("ST2030S_00147F770001.txt")),
                events.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("v2030SG.R11.1.090213.2.67.1.zz") && l.contains("10.77.1.1")),
                "a shared file is attributed to the device at the client's address: " + events.out());
        assertFalse(events.out().contains("lab-1001") || events.out().contains("rotated-1001"), "no secrets in events");
        Sh.Result all = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--config",
                work.resolve("phoneprov.yaml").toString(), "--last", "2000"), 60).ok();
        assertTrue(all.out().lines().anyMatch(l -> l.contains("gigaset/7C2F80770599.xml") && l.contains(" 404 ")),
                "an unknown Gigaset MAC is an event: " + all.out());
        assertTrue(all.out().lines().anyMatch(l -> l.contains("gigaset/7C2F80770501.xml") && l.contains(" 200 ")),
                all.out());
    }

    static String waitForChange(String path, String before) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            String now = curl("GET", path).body;
            if (!now.equals(before)) {
                return now;
            }
            assertTrue(System.currentTimeMillis() < deadline, "no change after SIGHUP: " + log());
            Thread.sleep(100);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> w = Files.walk(from)) {
            for (Path p : w.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.toString().contains("/state/")) {
                    Files.copy(p, t);
                }
            }
        }
    }
}
