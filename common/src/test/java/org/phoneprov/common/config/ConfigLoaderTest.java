package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.CatalogEntry;
import org.phoneprov.common.provision.Model;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private List<Problem> problems(String yaml) throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, yaml));
        assertFalse(r.isOk(), "expected errors");
        return r.problems();
    }

    private static String lines(List<Problem> ps) {
        return String.join("\n", ps.stream().map(Problem::toString).toList());
    }

    @Test
    void aFullConfigLoads() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.FULL));
        assertTrue(r.isOk(), () -> lines(r.problems()));
        SuiteConfig c = r.config().orElseThrow();
        assertEquals(3, c.devices().size());
        Device alice = c.device(Mac.parse("00147FE147B3").orElseThrow()).orElseThrow();
        assertEquals(Model.ST2030S, alice.model());
        assertEquals("201", alice.lines().get(0).authUser(), "auth_user defaults to the number");
        assertEquals("pbx.example.lan", alice.lines().get(0).proxy(), "proxy defaults to the registrar");
        assertEquals(List.of("decks/main.thd", "decks/call.thd"), c.model(Model.ST2030M).files(CatalogEntry.DECKFILES));
        assertEquals("192.0.2.11", c.identity().checkSyncSource().getHostAddress());
        assertEquals(8080, c.httpd().port());
        assertTrue(c.httpd().enabled());
        assertFalse(c.dhcpd().enabled(), "a daemon without a section is off, except httpd");
        assertEquals(dir.resolve("files"), c.paths().files());
    }

    @Test
    void everyErrorNamesFileLineColumnAndKey() throws Exception {
        List<Problem> ps = problems("""
                suite:
                  address: 192.0.2.300
                paths:
                  files: files
                httpd:
                  port: "eighty"
                  bnd: 0.0.0.0
                devices:
                  - mac: 00:14:7F:E1:47:ZZ
                    model: ST2030S
                  - mac: 00147FE147B3
                    model: ST9999
                  - mac: 00-14-7f-e1-47-b3
                    model: ST2030S
                    lines:
                      - {number: "1"}
                """);
        String all = lines(ps);
        Path cfg = dir.resolve("phoneprov.yaml");
        assertTrue(all.contains(cfg + ":2:12: suite.address: '192.0.2.300' is not an IP address literal"), all);
        assertTrue(all.contains(cfg + ":6:9: httpd.port: expected an integer"), all);
        assertTrue(all.contains(cfg + ":7:3: httpd.bnd: unknown key (did you mean 'bind'?)"), all);
        assertTrue(all.contains(cfg + ":9:10: devices[0].mac: '00:14:7F:E1:47:ZZ' is not a MAC address"), all);
        assertTrue(all.contains(cfg + ":12:12: devices[1].model: unknown model 'ST9999'"), all);
        assertTrue(all.contains(cfg + ":13:10: devices[2].mac: duplicate MAC 00:14:7F:E1:47:B3 (already listed at phoneprov.yaml:11:10)"), all);
        assertTrue(all.contains("devices[2].lines[0].registrar: missing"), all);
        assertEquals(7, ps.size(), all);
    }

    @Test
    void duplicateMacAcrossTheInventoryFileNamesBothFiles() throws Exception {
        Files.writeString(dir.resolve("devices.yaml"), """
                devices:
                  - mac: 00147fe147b3
                    model: ST2022S
                """);
        List<Problem> ps = problems(TestConfigs.FULL + "inventory: devices.yaml\n");
        assertEquals(1, ps.size(), lines(ps));
        assertEquals(dir.resolve("devices.yaml"), ps.get(0).at().file());
        assertEquals(2, ps.get(0).at().line());
        assertTrue(ps.get(0).message().contains("already listed at phoneprov.yaml:"), ps.get(0).message());
    }

    @Test
    void missingCatalogFileAndWrongProtocolEntryAreErrors() throws Exception {
        List<Problem> ps = problems(TestConfigs.MINIMAL + """
                models:
                  ST2030S:
                    firmware: st2030/missing.zz
                    deckfiles: [decks/main.thd]
                    melodies: ../../etc/passwd
                """);
        String all = lines(ps);
        assertTrue(all.contains(":10:15: models.ST2030S.firmware: file not found"), all);
        assertTrue(all.contains(":11:5: models.ST2030S.deckfiles: SIP phones do not download this file"), all);
        assertTrue(all.contains(":12:15: models.ST2030S.melodies: '../../etc/passwd' must be a relative path"), all);
    }

    @Test
    void aMissingTemplateIsAnErrorAtItsKey() throws Exception {
        List<Problem> ps = problems(TestConfigs.MINIMAL + "models:\n  ST2022M:\n    templates: {mac: st20xx/nope.txt}\n");
        assertEquals(1, ps.size(), lines(ps));
        assertEquals(10, ps.get(0).at().line());
        assertEquals("models.ST2022M.templates.mac", ps.get(0).key());
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysHaveLocations() throws Exception {
        List<Problem> ps = problems("suite:\n  address: 192.0.2.1\n  address: 192.0.2.2\n");
        assertEquals(3, ps.get(0).at().line(), lines(ps));
        assertTrue(ps.get(0).message().contains("duplicate key 'address'"));
        ps = problems("suite: [unclosed\n");
        assertTrue(ps.get(0).message().startsWith("YAML syntax error"), lines(ps));
    }

    @Test
    void missingInventoryFileAndFilesRootAreErrors() throws Exception {
        Path cfg = TestConfigs.write(dir, "suite: {address: 192.0.2.1}\npaths: {files: nowhere}\ninventory: nope.yaml\n");
        LoadResult r = ConfigLoader.load(cfg);
        String all = lines(r.problems());
        assertTrue(all.contains(":2:16: paths.files: the files root is not a folder"), all);
        assertTrue(all.contains(":3:12: inventory: file not found"), all);
    }

    @Test
    void unknownTopLevelKeyAndWrongShapes() throws Exception {
        List<Problem> ps = problems(TestConfigs.MINIMAL + "devices: {mac: x}\nhttpdd: {}\nvars: [a]\n");
        String all = lines(ps);
        assertTrue(all.contains("devices: expected a list, found a mapping"), all);
        assertTrue(all.contains("httpdd: unknown key (did you mean 'httpd'?)"), all);
        assertTrue(all.contains("vars: expected a mapping"), all);
    }

    @Test
    void tooManyLinesAndMultilineValuesAreRefused() throws Exception {
        List<Problem> ps = problems(TestConfigs.MINIMAL + """
                devices:
                  - mac: 00147FE147B3
                    model: ST2030S
                    lines:
                      - {number: "1", registrar: r}
                      - {number: "2", registrar: r}
                      - {number: "3", registrar: r}
                      - {number: "4", registrar: r}
                      - {number: "5", registrar: r, password: "a\\nconfig_sn=1"}
                """);
        String all = lines(ps);
        assertTrue(all.contains("devices[0].lines: at most 4 lines"), all);
        assertTrue(all.contains("devices[0].lines[4].password: must be on one line"), all);
    }
}
