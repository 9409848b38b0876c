package org.phoneprov.common.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.TestConfigs;
import org.phoneprov.common.crypto.SerCipher;
import org.phoneprov.common.mac.Mac;

/** A model with {@code encryption} (APS seed 6): its common and MAC configs exist only as {@code .ser}. */
class EncryptedSnapshotTest {
    static final String KEY = "1234567890123456";
    static final String NEXT = "Th0mson2$8s8@9z!";
    static final String OWN = "0wn-device-key!!";
    static final Mac ALICE = Mac.parse("00147FE147B3").orElseThrow();
    static final Mac BOB = Mac.parse("00147FE147B6").orElseThrow();

    @TempDir
    Path dir;

    /** FULL with ST2030S encrypted, and a second ST2030S (Bob) whose device section gets {@code bob}. */
    static String yaml(String encryption, String bob) {
        return TestConfigs.FULL.replace("  ST2030S:\n", "  ST2030S:\n    encryption: " + encryption + "\n")
                + "  - mac: 00:14:7F:E1:47:B6\n    model: ST2030S\n" + bob
                + "    lines:\n      - {number: \"202\", password: b0b, registrar: pbx.example.lan}\n";
    }

    static String yaml(String encryption) {
        return yaml(encryption, "");
    }

    private SnapshotBuilder.Result result(String yaml, Optional<ProvisioningSnapshot> previous) throws Exception {
        SuiteConfig c = ConfigLoader.load(TestConfigs.write(dir, yaml)).config().orElseThrow();
        return SnapshotBuilder.build(c, previous, 1_700_000_000_000L);
    }

    private ProvisioningSnapshot build(String yaml, Optional<ProvisioningSnapshot> previous) throws Exception {
        SnapshotBuilder.Result r = result(yaml, previous);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        return r.snapshot().orElseThrow();
    }

    private static ServedFile.Generated found(Lookup l) {
        return (ServedFile.Generated) assertInstanceOf(Lookup.Found.class, l).file();
    }

    private static String decrypt(String key, ServedFile.Generated g) throws Exception {
        return new String(SerCipher.forKey(key).decrypt(g.bytes()), StandardCharsets.UTF_8);
    }

    private static String plain(ProvisioningSnapshot s, ServedFile.Generated g) {
        return new String(s.plainText(g).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void theInfNamesTheSerWhoseBytesDecryptToThePlainTextRender() throws Exception {
        ProvisioningSnapshot s = build(yaml("{key: \"" + KEY + "\"}"), Optional.empty());
        for (Transport t : Transport.values()) {
            InfFile inf = InfFile.parse(new String(found(s.resolve("ST2030S.inf", t)).bytes(), StandardCharsets.UTF_8));
            String common = inf.first("common_config").orElseThrow();
            String name = common.substring(common.lastIndexOf('/') + 1);
            assertTrue(name.matches("ComConf2030S_[0-9a-f]{8}\\.ser"), name);
            ServedFile.Generated g = found(s.resolve(name, t));
            assertEquals(FileKind.COMMON_CONFIG, g.kind());
            assertEquals("application/octet-stream", g.contentType());
            String text = decrypt(KEY, g);
            assertEquals(plain(s, g), text, "render's plain text is what the phone decrypts");
            assertEquals(name, "ComConf2030S_" + ConfigSn.shortHash(text.getBytes(StandardCharsets.UTF_8), 8) + ".ser",
                    "the name hashes the plain text");
            InfFile cfg = InfFile.parse(text);
            assertEquals(List.of(), cfg.errors());
            assertEquals(Optional.of(KEY), cfg.first("Decryption_Key"), "[autoprovision] keeps the phone on its key");
            assertTrue(cfg.sections().containsKey("autoprovision"));
            String telcfg = inf.first("telcfg").orElseThrow();
            ServedFile.Generated tel = found(s.resolve(telcfg.substring(telcfg.lastIndexOf('/') + 1), t));
            assertTrue(tel.name().endsWith(".txt"), "seed 6 encrypts only the Comconfig and the MacConfig");
            assertEquals(Optional.empty(), s.plainText(tel));
            assertInstanceOf(Lookup.NotFound.class, s.resolve(name.replace(".ser", ".txt"), t));
        }
    }

    @Test
    void macConfigsAreServedAsSerOnly() throws Exception {
        ProvisioningSnapshot s = build(yaml("{key: \"" + KEY + "\"}"), Optional.empty());
        for (Transport t : Transport.values()) {
            ServedFile.Generated g = found(s.resolve("ST2030S_00147FE147B3.ser", t));
            assertEquals(FileKind.MAC_CONFIG, g.kind());
            assertEquals(Optional.of(ALICE), g.device());
            assertEquals(g, s.macConfig(ALICE).orElseThrow());
            String text = decrypt(KEY, g);
            InfFile cfg = InfFile.parse(text);
            assertEquals("s3cret", cfg.first("regpwd1").orElseThrow());
            String sn = cfg.first("config_sn").orElseThrow();
            assertEquals(ConfigSn.of(text.replace("config_sn=" + sn, "config_sn=" + ConfigSn.PLACEHOLDER)), sn,
                    "config_sn is computed over the plain text");
            assertInstanceOf(Lookup.NotFound.class, s.resolve("ST2030S_00147FE147B3.txt", t),
                    "the plain text has no name: a phone without the key gets nothing readable");
            assertInstanceOf(Lookup.NotFound.class, s.resolve("st2030s_00147fe147b3.TXT", t));
            assertTrue(s.filesOf(ALICE, t).contains(g));
        }
        // Other models are untouched.
        Mac m = Mac.parse("00147FE147B4").orElseThrow();
        assertTrue(s.macConfig(m).orElseThrow().name().endsWith(".txt"));
        assertEquals(Optional.empty(), s.plainText(s.macConfig(m).orElseThrow()));
        assertInstanceOf(Lookup.NotFound.class, s.resolve("ST2030M_00147FE147B4.ser", Transport.HTTP));
        String mInf = new String(s.model(Model.ST2030M).httpInf().bytes(), StandardCharsets.UTF_8);
        assertTrue(mInf.matches("(?s).*common_config=\\S+/ComConf2030M_[0-9a-f]{8}\\.txt\r\n.*"), mInf);
        String mCommon = new String(s.model(Model.ST2030M).commonConfig(Transport.HTTP).bytes(), StandardCharsets.UTF_8);
        assertFalse(mCommon.contains("Decryption_Key"), "no key lines without encryption: " + mCommon);
    }

    @Test
    void aDevicesOwnKeyEncryptsItsMacConfig() throws Exception {
        ProvisioningSnapshot s = build(yaml("{key: \"" + KEY + "\"}", "    encryption_key: \"" + OWN + "\"\n"),
                Optional.empty());
        ServedFile.Generated bob = s.macConfig(BOB).orElseThrow();
        assertEquals("ST2030S_00147FE147B6.ser", bob.name());
        InfFile cfg = InfFile.parse(decrypt(OWN, bob));
        assertEquals("b0b", cfg.first("regpwd1").orElseThrow());
        assertEquals(Optional.empty(), cfg.first("Decryption_Key"), "MAC configs name no key (see rotation)");
        assertArrayEquals(s.plainText(bob).orElseThrow(), SerCipher.forKey(OWN).decrypt(bob.bytes()));
        assertFalse(decryptsTo(KEY, bob, s.plainText(bob).orElseThrow()), "not with the model key");
        assertTrue(decryptsTo(KEY, s.macConfig(ALICE).orElseThrow(), s.plainText(s.macConfig(ALICE).orElseThrow())
                .orElseThrow()), "the others keep the model key");
    }

    private static boolean decryptsTo(String key, ServedFile.Generated g, byte[] plain) {
        try {
            return java.util.Arrays.equals(plain, SerCipher.forKey(key).decrypt(g.bytes()));
        } catch (SerCipher.BadSerFileException e) {
            return false;
        }
    }

    @Test
    void aRotationAnnouncesTheNextKeyInTheCommonConfigAndWithholdsMacConfigsUntilItIsTheKey() throws Exception {
        ProvisioningSnapshot before = build(yaml("{key: \"" + KEY + "\"}"), Optional.empty());
        ProvisioningSnapshot s = build(yaml("{key: \"" + KEY + "\", next_key: \"" + NEXT + "\"}",
                "    encryption_key: \"" + OWN + "\"\n"), Optional.of(before));
        for (Transport t : Transport.values()) {
            ServedFile.Generated common = s.model(Model.ST2030S).commonConfig(t);
            InfFile text = InfFile.parse(decrypt(KEY, common));
            assertEquals(List.of(NEXT), text.all("Decryption_Key"), "still encrypted with the key, naming the next");
            assertTrue(text.entries().stream().anyMatch(e -> e.section().equals("autoprovision")
                    && e.key().equals("Decryption_Key")), "in [autoprovision] (seed 6)");
            assertNotEquals(before.model(Model.ST2030S).commonConfig(t).name(), common.name(),
                    "a new name: every phone downloads it (seed 2.1)");
            // A phone that applied it holds the next key; one that has not holds the key: no MAC config
            // can serve both, so none is served until the rotation ends.
            assertInstanceOf(Lookup.NotFound.class, s.resolve("ST2030S_00147FE147B3.ser", t));
            assertEquals(3, s.filesOf(ALICE, t).size(), "INF, telcfg, common: " + s.filesOf(ALICE, t));
        }
        assertEquals(Optional.empty(), s.macConfig(ALICE));
        assertTrue(s.macConfig(BOB).isPresent(), "a device with its own key is not rotated");
        assertTrue(s.macConfig(Mac.parse("00147FE147B4").orElseThrow()).isPresent(), "nor another model");

        // The admin then makes it the key: the phones that took the common config hold it.
        ProvisioningSnapshot done = build(yaml("{key: \"" + NEXT + "\"}", "    encryption_key: \"" + OWN + "\"\n"),
                Optional.of(s));
        ServedFile.Generated during = s.model(Model.ST2030S).commonConfig(Transport.HTTP);
        ServedFile.Generated after = done.model(Model.ST2030S).commonConfig(Transport.HTTP);
        assertEquals(during.name(), after.name(), "the same plain text: a phone that took the rotation downloads nothing");
        assertArrayEquals(after.bytes(), SerCipher.forKey(NEXT).encrypt(s.plainText(during).orElseThrow()),
                "now under the new key, for phones that fetch it from here on");
        ServedFile.Generated mac = done.macConfig(ALICE).orElseThrow();
        assertEquals(InfFile.parse(decrypt(KEY, before.macConfig(ALICE).orElseThrow())).first("config_sn"),
                InfFile.parse(decrypt(NEXT, mac)).first("config_sn"), "served again, under the new key, nothing new to apply");
    }

    @Test
    void theSerNameChangesExactlyWhenThePlainTextDoes() throws Exception {
        String enc = "{key: \"" + KEY + "\"}";
        ProvisioningSnapshot a = build(yaml(enc), Optional.empty());
        ProvisioningSnapshot same = build(yaml(enc), Optional.of(a));
        ServedFile.Generated c0 = a.model(Model.ST2030S).commonConfig(Transport.HTTP);
        ServedFile.Generated c1 = same.model(Model.ST2030S).commonConfig(Transport.HTTP);
        assertEquals(c0.name(), c1.name());
        assertArrayEquals(c0.bytes(), c1.bytes(), "the fixed IV makes the same text the same bytes");
        assertEquals(c0.etag(), c1.etag());
        ProvisioningSnapshot changed = build(yaml(enc).replace("timezone: \"1\"", "timezone: \"2\""), Optional.of(a));
        ServedFile.Generated c2 = changed.model(Model.ST2030S).commonConfig(Transport.HTTP);
        assertNotEquals(c0.name(), c2.name(), "seed 2.1: a changed common config gets a new name");
        assertTrue(c2.name().endsWith(".ser"));
        ServedFile.Generated m0 = a.macConfig(ALICE).orElseThrow();
        ServedFile.Generated m2 = changed.macConfig(ALICE).orElseThrow();
        assertEquals(m0.name(), m2.name(), "the MAC config keeps its name (seed 2.4.1 step 16)");
        assertArrayEquals(m0.bytes(), m2.bytes(), "and its bytes: nothing in it changed");
        ProvisioningSnapshot pw = build(yaml(enc).replace("password: s3cret", "password: n3w"), Optional.of(a));
        assertNotEquals(InfFile.parse(decrypt(KEY, m0)).first("config_sn"),
                InfFile.parse(decrypt(KEY, pw.macConfig(ALICE).orElseThrow())).first("config_sn"));
    }

    @Test
    void aDeviceKeyWithoutModelEncryptionIsAnError() throws Exception {
        String y = TestConfigs.FULL + "  - mac: 00:14:7F:E1:47:B6\n    model: ST2030S\n    encryption_key: \"" + OWN + "\"\n";
        SnapshotBuilder.Result r = result(y, Optional.empty());
        assertTrue(r.snapshot().isEmpty());
        String all = r.problems().toString();
        assertTrue(all.contains("encryption_key: device 00:14:7F:E1:47:B6 has its own .ser key but models.ST2030S has "
                + "no encryption"), all);
        assertFalse(all.contains(OWN), all);
    }

    @Test
    void anAdminTemplateMustAnnounceTheNextKey() throws Exception {
        Path t = dir.resolve("templates/st20xx/sip");
        Files.createDirectories(t);
        Files.writeString(t.resolve("common.txt"), "[autoprovision]\nAutoprovisionConfigname={{ model.inf_name }}\n");
        String withTemplates = yaml("{key: \"" + KEY + "\"}").replace("paths:\n", "paths:\n  templates: templates\n");
        build(withTemplates, Optional.empty());
        SnapshotBuilder.Result r = result(withTemplates.replace("{key: \"" + KEY + "\"}",
                "{key: \"" + KEY + "\", next_key: \"" + NEXT + "\"}"), Optional.empty());
        assertTrue(r.snapshot().isEmpty());
        assertEquals(t.resolve("common.txt").toString(), r.problems().get(0).at().file().toString());
        assertEquals("models.ST2030S.encryption.next_key", r.problems().get(0).key());
        assertTrue(r.problems().get(0).message().contains("never writes Decryption_Key="), r.problems().toString());
        assertFalse(r.problems().toString().contains(NEXT));
        Files.writeString(t.resolve("common.txt"), "[autoprovision]\nDecryption_Key={{ encryption.next_key }}\n");
        build(withTemplates.replace("{key: \"" + KEY + "\"}", "{key: \"" + KEY + "\", next_key: \"" + NEXT + "\"}"),
                Optional.empty());
    }

    @Test
    void aWrongKeyCannotReadTheFiles() throws Exception {
        ProvisioningSnapshot s = build(yaml("{key: \"" + KEY + "\"}"), Optional.empty());
        ServedFile.Generated g = s.macConfig(ALICE).orElseThrow();
        assertFalse(decryptsTo(SerCipher.DEFAULT_KEY, g, s.plainText(g).orElseThrow()));
        assertFalse(new String(g.bytes(), StandardCharsets.ISO_8859_1).contains("s3cret"));
        assertThrows(SerCipher.BadSerFileException.class, () -> SerCipher.forKey(KEY).decrypt(new byte[17]));
    }
}
