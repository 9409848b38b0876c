package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.phoneprov.cli.Loaded;
import org.phoneprov.common.crypto.SerCipher;
import org.phoneprov.common.provision.InfFile;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;

/**
 * Encrypted configs end to end (APS seed 6): examples/lab with ST2030S encrypted, the
 * suite in the server namespace; curl fetches what an ST2030S fetches over HTTP and
 * {@code openssl enc -d -aes-128-cbc} opens the {@code .ser} files; simulated phones
 * (factory key {@code Th0mson2$8s8@9z!}) fail on a key they do not hold, provision on the
 * one they do, and follow a key rotation through {@code Decryption_Key}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EncryptedLabIT {
    static final String KEY = "1234567890123456"; // the key of the seed's example
    static final String MAC = "00147F770001";
    static final String BASE = "http://" + LabNet.SERVER_IP + "/";
    static LabNet net;
    static Path work;
    static Path config;
    static String original;
    static PhoneprovProcess server;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "curl", "java", "openssl");
        work = Files.createTempDirectory("phoneprov-serlab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        config = work.resolve("phoneprov.yaml");
        original = Files.readString(config);
        encrypt("{key: \"" + KEY + "\"}");
        net = LabNet.create();
        // As PhoneLabIT: DHCP broadcasts need a route, and a phone answers on its leased address.
        net.phoneLan(net.client);
        // The whole suite: the simulated phones need dhcpd; curl only needs httpd.
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString());
        server.awaitLog("suite.started", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    /** The lab config with {@code models.ST2030S.encryption} set to {@code encryption}. */
    static void encrypt(String encryption) throws IOException {
        assertTrue(original.contains("models:\n  ST2030S:\n"));
        Files.writeString(config, original.replace("models:\n  ST2030S:\n",
                "models:\n  ST2030S:\n    encryption: " + encryption + "\n"));
    }

    static String log() {
        return server.logText();
    }

    /** GET into a file (the .ser bytes are binary); the HTTP status. */
    static String fetch(String urlOrPath, Path to) {
        String url = urlOrPath.startsWith("http") ? urlOrPath : BASE + urlOrPath;
        return Sh.run(Sh.in(net.client, "curl", "-sS", "--max-time", "10", "-o", to.toString(), "-w", "%{http_code}",
                url), 20).out().trim();
    }

    /** The seed's tool as openssl spells it: key as hex, zero IV, PKCS#7 (SerCipher). */
    static Sh.Result openssl(String key, Path ser, Path out) {
        String hex = HexFormat.of().formatHex(key.getBytes(StandardCharsets.US_ASCII));
        return Sh.run(List.of("openssl", "enc", "-d", "-aes-128-cbc", "-K", hex, "-iv", "0".repeat(32), "-in",
                ser.toString(), "-out", out.toString()), 20);
    }

    /** What {@code phoneprov render} computes for the running config: the served file and its plain text. */
    static ServedFile.Generated rendered(String name) {
        Loaded.Ok ok = (Loaded.Ok) Loaded.load(config, Optional.empty());
        Lookup l = ok.snapshot().resolve(name, Transport.HTTP);
        assertTrue(l instanceof Lookup.Found f && f.file() instanceof ServedFile.Generated, name + ": " + l);
        return (ServedFile.Generated) ((Lookup.Found) l).file();
    }

    static byte[] renderedPlainText(String name) {
        Loaded.Ok ok = (Loaded.Ok) Loaded.load(config, Optional.empty());
        return ok.snapshot().plainText(rendered(name)).orElseThrow();
    }

    /** {@code phoneprov render --file NAME} stdout, as bytes. */
    static Sh.Result renderToFile(String name, Path out) {
        return Sh.run(List.of("bash", "-c", "java -jar \"$1\" render --config \"$2\" --mac 00:14:7F:77:00:01 --file \"$3\" > \"$4\"",
                "render", PhoneprovProcess.jar().toString(), config.toString(), name, out.toString()), 60);
    }

    static void reload() throws Exception {
        int before = server.logCount("config.reloaded");
        server.signal("HUP");
        server.awaitLog("config.reloaded", before + 1, 20);
        assertFalse(log().contains("config.reload_refused"), log());
    }

    static Sh.Result simulate(Path state) {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                "--config", config.toString(), "--state", state.toString(), "--every-phone", "--retry-delay", "0.2",
                "--mac", "00:14:7F:77:00:01"));
        return Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 120);
    }

    static String phoneLine(Sh.Result r) {
        return r.out().lines().filter(l -> l.trim().startsWith("00:14:7F:77:00:01")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for the phone in\n" + r.out() + r.err()));
    }

    @Test
    @Order(1)
    void curlGetsTheSerFilesTheInfNamesAndOpensslOpensThem() throws Exception {
        Path inf = work.resolve("got.inf");
        assertEquals("200", fetch("ST2030S_" + MAC + ".inf", inf));
        InfFile parsed = InfFile.parse(Files.readString(inf));
        String common = parsed.first("common_config").orElseThrow();
        assertTrue(common.matches("http://10\\.77\\.0\\.1/ComConf2030S_[0-9a-f]{8}\\.ser"), common);
        assertTrue(parsed.first("telcfg").orElseThrow().endsWith(".txt"), "the telcfg stays plain (seed 6)");
        String commonName = common.substring(BASE.length());
        String macName = "ST2030S_" + MAC + ".ser";
        for (String[] f : new String[][] {{common, commonName}, {parsed.first("config").orElseThrow() + macName, macName}}) {
            Path ser = work.resolve("got-" + f[1]);
            assertEquals("200", fetch(f[0], ser), f[0]);
            byte[] served = Files.readAllBytes(ser);
            assertEquals(0, served.length % 16, "whole AES blocks, no IV in the file");
            assertArrayEquals(rendered(f[1]).bytes(), served, "render shows what is served");
            Path plain = work.resolve("plain-" + f[1] + ".txt");
            Sh.Result dec = openssl(KEY, ser, plain);
            assertEquals(0, dec.code(), dec.err());
            assertArrayEquals(renderedPlainText(f[1]), Files.readAllBytes(plain), f[1] + ": openssl reads the plain text");
            InfFile text = InfFile.parse(Files.readString(plain));
            assertEquals(List.of(), text.errors());
            assertEquals(f[1].equals(commonName) ? Optional.of(KEY) : Optional.empty(), text.first("Decryption_Key"),
                    "the common config keeps the phone on its key; MAC configs name none");
            assertFalse(new String(served, StandardCharsets.ISO_8859_1).contains("[autoprovision]"), "not plain text");
        }
        InfFile mac = InfFile.parse(Files.readString(work.resolve("plain-" + macName + ".txt")));
        assertEquals("lab-1001", mac.first("regpwd1").orElseThrow());
        assertTrue(mac.first("config_sn").orElseThrow().matches("\\d{12}"));
        Sh.Result wrong = openssl(SerCipher.DEFAULT_KEY, work.resolve("got-" + macName), work.resolve("wrong.txt"));
        assertTrue(wrong.code() != 0 || !Files.readString(work.resolve("wrong.txt"), StandardCharsets.ISO_8859_1)
                .contains("lab-1001"), "another key reads nothing");

        Path rendered = work.resolve("render.ser");
        Sh.Result r = renderToFile(macName, rendered);
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(work.resolve("got-" + macName)), Files.readAllBytes(rendered),
                "phoneprov render --file NAME.ser prints the served (encrypted) bytes");
    }

    @Test
    @Order(2)
    void thePlainTextNamesAreNotServed() throws Exception {
        Path body = work.resolve("body");
        assertEquals("404", fetch("ST2030S_" + MAC + ".txt", body));
        String common = InfFile.parse(Files.readString(work.resolve("got.inf"))).first("common_config").orElseThrow();
        assertEquals("404", fetch(common.replace(".ser", ".txt"), body));
        assertEquals("200", fetch("ST2030M_00147F770101.txt", body), "other models are not encrypted");
        assertEquals("404", fetch("ST2030M_00147F770101.ser", body));
        Sh.Result r = renderToFile("ST2030S_" + MAC + ".txt", work.resolve("render.txt"));
        assertEquals(1, r.code(), "render does not show a file that is not served: " + r.out() + r.err());
    }

    @Test
    @Order(3)
    void aFactoryPhoneCannotReadFilesUnderAnotherKey() {
        Sh.Result r = simulate(work.resolve("phone-a"));
        assertEquals(3, r.code(), () -> r.out() + r.err());
        assertTrue(phoneLine(r).contains("FAILED \"Corrupted Config\""), r.out());
    }

    @Test
    @Order(4)
    void aFactoryPhoneProvisionsWithTheDefaultKey() throws Exception {
        encrypt("{key: \"" + SerCipher.DEFAULT_KEY + "\"}");
        reload();
        Path state = work.resolve("phone-b");
        Sh.Result r = simulate(state);
        assertEquals(0, r.code(), () -> r.out() + r.err() + log());
        assertTrue(phoneLine(r).contains("PROVISIONED"), r.out());
        String saved = Files.readString(state.resolve("ST2030S_" + MAC + ".json"));
        assertTrue(saved.contains("lab-1001"), "the MAC config was decrypted and applied: " + saved);
    }

    @Test
    @Order(5)
    void aKeyRotationReachesThePhoneThroughDecryptionKey() throws Exception {
        Path state = work.resolve("phone-b");
        encrypt("{key: \"" + SerCipher.DEFAULT_KEY + "\", next_key: \"" + KEY + "\"}");
        reload();
        assertEquals("404", fetch("ST2030S_" + MAC + ".ser", work.resolve("body")),
                "no MAC config while phones hold either key");
        Sh.Result during = simulate(state);
        assertEquals(0, during.code(), () -> during.out() + during.err() + log());
        assertTrue(phoneLine(during).contains("PROVISIONED"), during.out());
        assertTrue(Files.readString(state.resolve("ST2030S_" + MAC + ".json")).contains(KEY),
                "the phone now holds the next key");
        Sh.Result again = simulate(state);
        assertEquals(0, again.code(), () -> "a phone holding the next key still provisions: " + again.out());
        encrypt("{key: \"" + KEY + "\"}");
        reload();
        Sh.Result after = simulate(state);
        assertEquals(0, after.code(), () -> after.out() + after.err() + log());
        assertTrue(phoneLine(after).contains("PROVISIONED"), after.out());
        assertTrue(Files.readString(state.resolve("ST2030S_" + MAC + ".json")).contains("lab-1001"), "its MAC config");
        Sh.Result missed = simulate(work.resolve("phone-c"));
        assertEquals(3, missed.code(), "a phone that missed the rotation still holds the factory key: " + missed.out());
        assertTrue(phoneLine(missed).contains("Corrupted Config"), missed.out());
    }

    @Test
    @Order(6)
    void noKeyIsLoggedOrRecorded() throws Exception {
        assertEquals(0, server.stop(15), log());
        Sh.Result events = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--config",
                config.toString(), "--last", "1000"), 60).ok();
        assertTrue(events.out().contains("ST2030S_" + MAC + ".ser"), events.out());
        for (String secret : List.of(KEY, SerCipher.DEFAULT_KEY)) {
            assertFalse(log().contains(secret), "no key in the log");
            assertFalse(events.out().contains(secret), "no key in the events");
        }
    }
}
