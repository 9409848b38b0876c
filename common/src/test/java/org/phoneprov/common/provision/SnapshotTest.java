package org.phoneprov.common.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.phoneprov.common.mac.Mac;

class SnapshotTest {
    @TempDir
    Path dir;

    private ProvisioningSnapshot build(String yaml, Optional<ProvisioningSnapshot> previous) throws Exception {
        SuiteConfig c = ConfigLoader.load(TestConfigs.write(dir, yaml)).config().orElseThrow();
        SnapshotBuilder.Result r = SnapshotBuilder.build(c, previous, 1_700_000_000_000L);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        return r.snapshot().orElseThrow();
    }

    private static String text(Lookup l) {
        ServedFile.Generated g = (ServedFile.Generated) assertInstanceOf(Lookup.Found.class, l).file();
        return new String(g.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void macInfIsServedForInventoryDevicesOnlyAndMatchesTheConfiguredInf() throws Exception {
        ProvisioningSnapshot s = build(TestConfigs.FULL, Optional.empty());
        String byMac = text(s.resolve("/ST2030S_00147FE147B3.inf", Transport.HTTP));
        String lower = text(s.resolve("ST2030S_00147fe147b3.inf", Transport.HTTP));
        String configured = text(s.resolve("/ST2030S.inf", Transport.HTTP));
        assertEquals(byMac, configured);
        assertEquals(byMac, lower, "seed 2.4 writes the MAC in lower case in INF names");
        assertInstanceOf(Lookup.NotFound.class, s.resolve("/ST2030S_00147FE14700.inf", Transport.HTTP),
                "an unknown MAC gets nothing, and the phone falls back to the configured name (seed 2.2)");
        assertInstanceOf(Lookup.NotFound.class, s.resolve("/ST2022S_00147FE147B3.inf", Transport.HTTP),
                "a MAC INF under another model's prefix is not this device's");
    }

    @Test
    void httpInfNamesUrlsAndTftpInfNamesFiles() throws Exception {
        ProvisioningSnapshot s = build(TestConfigs.FULL, Optional.empty());
        InfFile http = InfFile.parse(text(s.resolve("ST2030S.inf", Transport.HTTP)));
        InfFile tftp = InfFile.parse(text(s.resolve("ST2030S.inf", Transport.TFTP)));
        assertEquals(List.of(), http.errors());
        assertEquals("http://192.0.2.10:8080/st2030/v100.zz", http.first("fwurl").orElseThrow());
        assertEquals("st2030/v100.zz", tftp.first("fw_filename").orElseThrow());
        assertEquals("http://192.0.2.10:8080/", http.first("config").orElseThrow());
        assertTrue(tftp.first("config").isEmpty(), "TFTP phones look for the MAC config in the root (seed 2.4.4)");
        String common = tftp.first("common_config").orElseThrow();
        assertTrue(common.matches("ComConf2030S_[0-9a-f]{8}\\.txt"), common);
        String httpCommon = http.first("common_config").orElseThrow();
        assertTrue(httpCommon.matches("http://192\\.0\\.2\\.10:8080/ComConf2030S_[0-9a-f]{8}\\.txt"), httpCommon);
        assertNotEquals("http://192.0.2.10:8080/" + common, httpCommon, "each transport has its own common config");
        assertEquals("auto_provisioning", http.first("provision_mode").orElseThrow());
        assertTrue(http.first("deckfile").isEmpty(), "SIP phones get no deck files");
        assertEquals(List.of("provision_mode", "application", "melody", "config"), List.copyOf(http.sections().keySet()));
    }

    @Test
    void mgcpInfListsEveryDeckFile() throws Exception {
        ProvisioningSnapshot s = build(TestConfigs.FULL, Optional.empty());
        InfFile inf = InfFile.parse(text(s.resolve("ST2030M.inf", Transport.TFTP)));
        assertEquals(List.of("decks/main.thd", "decks/call.thd"), inf.all("deckfile"));
        assertEquals("st2030/BT.txt", inf.first("beep_tone").orElseThrow());
    }

    @Test
    void macConfigCarriesSuiteValuesAndADerivedConfigSn() throws Exception {
        ProvisioningSnapshot s = build(TestConfigs.FULL, Optional.empty());
        InfFile cfg = InfFile.parse(text(s.resolve("ST2030S_00147FE147B3.txt", Transport.HTTP)));
        assertTrue(cfg.first("config_sn").orElseThrow().matches("\\d{12}"));
        assertEquals("192.0.2.11", cfg.first("AuthNotifyCheckSync").orElseThrow());
        assertEquals("s3cret", cfg.first("regpwd1").orElseThrow());
        // Each transport's common config pins the phone to that transport (seed 2.3, 3.4).
        InfFile common = InfFile.parse(text(s.resolve(s.model(Model.ST2030S).commonConfig(Transport.TFTP).name(),
                Transport.TFTP)));
        assertTrue(common.first("AutoprovisionHTTPServer").isEmpty());
        assertEquals("192.0.2.10", common.first("AutoprovisionTFTPServer").orElseThrow());
        InfFile httpCommon = InfFile.parse(text(s.resolve(s.model(Model.ST2030S).commonConfig(Transport.HTTP).name(),
                Transport.HTTP)));
        assertEquals("192.0.2.10:8080", httpCommon.first("AutoprovisionHTTPServer").orElseThrow());
        assertTrue(httpCommon.first("AutoprovisionTFTPServer").isEmpty());
        assertTrue(new String(s.model(Model.ST2030S).httpInf().bytes(), java.nio.charset.StandardCharsets.UTF_8).contains(s.model(Model.ST2030S).commonConfig(Transport.HTTP)
                .name()), "each INF names its transport's common config");
        assertEquals("ST2030S.inf", common.first("AutoprovisionConfigname").orElseThrow());
        for (String pin : new String[] {"http", "tftp", "none"}) {
            ProvisioningSnapshot pinned = build(TestConfigs.FULL.replace("vars:\n", "vars:\n  autoprovision_pin: " + pin
                    + "\n"), Optional.empty());
            for (Transport t : Transport.values()) {
                InfFile c = InfFile.parse(text(pinned.resolve(pinned.model(Model.ST2030S).commonConfig(t).name(), t)));
                assertEquals(pin.equals("http") ? Optional.of("192.0.2.10:8080") : Optional.empty(),
                        c.first("AutoprovisionHTTPServer"), pin);
                assertEquals(pin.equals("tftp") ? Optional.of("192.0.2.10") : Optional.empty(),
                        c.first("AutoprovisionTFTPServer"), pin);
            }
        }
    }

    /** The real ST20xx SIP keys (docs/vendor-formats.md 1.3), nothing else, and no comment lines (1.2). */
    @Test
    void sipMacConfigUsesTheRealAccountKeys() throws Exception {
        ProvisioningSnapshot s = build(TestConfigs.FULL.replace(
                "      - {number: \"201\", password: s3cret, display_name: Alice, registrar: pbx.example.lan}\n",
                "      - {number: \"201\", password: s3cret, display_name: Alice, registrar: pbx.example.lan}\n"
                        + "      - {number: \"202\", auth_user: a202, password: two, registrar: \"pbx.example.lan:5070\","
                        + " proxy: \"[2001:db8::5]:5080\"}\n"), Optional.empty());
        String text = text(s.resolve("ST2030S_00147FE147B3.txt", Transport.HTTP));
        InfFile cfg = InfFile.parse(text);
        assertEquals(List.of(), cfg.errors());
        assertTrue(text.lines().noneMatch(l -> l.startsWith("#") || l.startsWith(";")), text);
        assertEquals(List.of("sys", "sip"), List.copyOf(cfg.sections().keySet()));
        assertEquals(List.of("config_sn"), cfg.sections().get("sys"));
        assertEquals(Optional.of("1"), cfg.first("TEL01Use"));
        assertEquals(Optional.of("201"), cfg.first("TEL1Number"));
        assertEquals(Optional.of("201"), cfg.first("regid1"), "auth_user defaults to the number");
        assertEquals(Optional.of("Alice"), cfg.first("DisplayName1"));
        assertEquals(Optional.of("1"), cfg.first("DisplayNameFlag1"));
        assertEquals(Optional.of("pbx.example.lan"), cfg.first("RegisterServerMP1"));
        assertEquals(Optional.of("5060"), cfg.first("sip_reg_srv_portMP1"));
        assertEquals(Optional.of("pbx.example.lan"), cfg.first("ProxyServerMP1"), "proxy defaults to the registrar");
        assertEquals(Optional.of("5060"), cfg.first("sip_pxy_srv_portMP1"));
        assertEquals(Optional.of("pbx.example.lan"), cfg.first("ServiceDomainMP1"));
        assertEquals(Optional.of("a202"), cfg.first("regid2"));
        assertEquals(Optional.of("202"), cfg.first("TEL2Number"));
        assertEquals(Optional.of("two"), cfg.first("regpwd2"));
        assertEquals(Optional.of("202"), cfg.first("DisplayName2"), "display_name defaults to the number");
        assertEquals(Optional.of("pbx.example.lan"), cfg.first("RegisterServerMP2"), "host:port is split");
        assertEquals(Optional.of("5070"), cfg.first("sip_reg_srv_portMP2"));
        assertEquals(Optional.of("2001:db8::5"), cfg.first("ProxyServerMP2"));
        assertEquals(Optional.of("5080"), cfg.first("sip_pxy_srv_portMP2"));
        assertEquals(Optional.of("pbx.example.lan"), cfg.first("ServiceDomainMP2"));
        // An ST2030 has 4 lines: the unused ones are written empty and off, so a removed line goes away.
        for (int n = 3; n <= 4; n++) {
            assertEquals(Optional.of("0"), cfg.first("TEL0" + n + "Use"));
            assertEquals(Optional.of(""), cfg.first("regid" + n));
            assertEquals(Optional.of(""), cfg.first("RegisterServerMP" + n));
        }
        assertTrue(cfg.first("TEL05Use").isEmpty());
        for (String invented : new String[] {"Enable", "UserNumber", "AuthUser", "AuthPassword", "Registrar", "Proxy"}) {
            assertTrue(cfg.first(invented).isEmpty(), invented);
        }
        InfFile st2022 = InfFile.parse(text(s.resolve("ST2022S_00147FE147B5.txt", Transport.HTTP)));
        assertEquals(Optional.of("0"), st2022.first("TEL02Use"), "an ST2022 has 2 lines");
        assertTrue(st2022.first("TEL03Use").isEmpty());
    }

    /** No MGCP key name is confirmed by any source (docs/vendor-formats.md): only config_sn. */
    @Test
    void mgcpMacConfigWritesOnlyConfigSn() throws Exception {
        ProvisioningSnapshot s = build(TestConfigs.FULL, Optional.empty());
        String text = text(s.resolve("ST2030M_00147FE147B4.txt", Transport.TFTP));
        InfFile cfg = InfFile.parse(text);
        assertEquals(List.of(), cfg.errors());
        assertEquals(java.util.Map.of("sys", List.of("config_sn")), cfg.sections());
        assertTrue(text.startsWith("[sys]\n"), text);
    }

    @Test
    void aChangedPasswordChangesThatDeviceOnly() throws Exception {
        ProvisioningSnapshot before = build(TestConfigs.FULL, Optional.empty());
        ProvisioningSnapshot after = build(TestConfigs.FULL.replace("password: s3cret", "password: n3w"),
                Optional.of(before));
        Mac alice = Mac.parse("00147FE147B3").orElseThrow();
        Mac carol = Mac.parse("00147FE147B5").orElseThrow();
        ServedFile.Generated a0 = before.macConfig(alice).orElseThrow();
        ServedFile.Generated a1 = after.macConfig(alice).orElseThrow();
        assertNotEquals(configSn(a0), configSn(a1));
        assertNotEquals(a0.etag(), a1.etag());
        ServedFile.Generated c0 = before.macConfig(carol).orElseThrow();
        ServedFile.Generated c1 = after.macConfig(carol).orElseThrow();
        assertEquals(configSn(c0), configSn(c1));
        assertEquals(c0.lastModified(), c1.lastModified());
        assertEquals(before.model(Model.ST2030S).commonConfig(Transport.HTTP).name(), after.model(Model.ST2030S).commonConfig(Transport.HTTP).name());
    }

    @Test
    void aChangedCommonSettingRenamesTheCommonConfig() throws Exception {
        ProvisioningSnapshot before = build(TestConfigs.FULL, Optional.empty());
        ProvisioningSnapshot after = build(TestConfigs.FULL.replace("timezone: \"1\"", "timezone: \"2\""), Optional.empty());
        assertNotEquals(before.model(Model.ST2030S).commonConfig(Transport.HTTP).name(), after.model(Model.ST2030S).commonConfig(Transport.HTTP).name(),
                "seed 2.1: if the general configuration file has changed, the filename must change as well");
    }

    @Test
    void adminTemplatesOverrideBuiltInOnesAndTheirErrorsHaveLocations() throws Exception {
        Path t = dir.resolve("templates/st20xx/sip");
        Files.createDirectories(t);
        Files.writeString(t.resolve("mac.txt"), "[sys]\nconfig_sn={{ config_sn }}\nX={{ device.mac }}\n");
        ProvisioningSnapshot s = build(TestConfigs.FULL.replace("paths:\n", "paths:\n  templates: templates\n"),
                Optional.empty());
        assertEquals("00147FE147B3", InfFile.parse(text(s.resolve("ST2030S_00147FE147B3.txt", Transport.HTTP)))
                .first("X").orElseThrow());

        Files.writeString(t.resolve("mac.txt"), "[sys]\n\nconfig_sn={{ config_sn }}\nX={{ device.nope }}\n");
        SuiteConfig c = ConfigLoader.load(dir.resolve("phoneprov.yaml")).config().orElseThrow();
        SnapshotBuilder.Result r = SnapshotBuilder.build(c, Optional.empty(), 0);
        assertTrue(r.snapshot().isEmpty());
        assertEquals(t.resolve("mac.txt").toString(), r.problems().get(0).at().file().toString());
        assertEquals(4, r.problems().get(0).at().line(), r.problems().toString());

        Files.writeString(t.resolve("mac.txt"), "[sys]\nno serial here\n");
        r = SnapshotBuilder.build(c, Optional.empty(), 0);
        assertTrue(r.problems().get(0).message().contains("never writes {{ config_sn }}"), r.problems().toString());
    }

    @Test
    void staticFilesAreServedAndGeneratedNamesTakePrecedence() throws Exception {
        ProvisioningSnapshot s = build(TestConfigs.FULL, Optional.empty());
        Lookup l = s.resolve("/st2030/v100.zz", Transport.HTTP);
        ServedFile.Static f = (ServedFile.Static) assertInstanceOf(Lookup.Found.class, l).file();
        assertEquals("content of st2030/v100.zz\n".length(), f.length());
        assertInstanceOf(Lookup.Rejected.class, s.resolve("/../phoneprov.yaml", Transport.HTTP));
    }

    private static String configSn(ServedFile.Generated g) {
        return InfFile.parse(new String(g.bytes(), StandardCharsets.UTF_8)).first("config_sn").orElseThrow();
    }
}
