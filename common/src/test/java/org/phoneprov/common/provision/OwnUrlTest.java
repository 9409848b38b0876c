package org.phoneprov.common.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.TestConfigs;

/** A URL handed to phones that names this suite must name something it serves. */
class OwnUrlTest {
    /** FULL (httpd on 8080) with a host name, tftpd on 69 and a Gigaset N510 in the inventory. */
    private static final String SUITE = TestConfigs.FULL
            .replace("  address: 192.0.2.10\n", "  address: 192.0.2.10\n  hostname: prov.example.lan\n")
            .replace("devices:\n", "devices:\n  - mac: 7C:2F:80:AA:BB:01\n    model: N510\n"
                    + "    lines: [{number: \"501\", registrar: pbx.example.lan}]\n")
            + "tftpd:\n  enabled: true\n";
    private static final String HTTP = "http://192.0.2.10:8080";

    @TempDir
    Path dir;

    private SuiteConfig load(String yaml) throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, yaml));
        assertTrue(r.isOk(), r.problems().toString());
        return r.config().orElseThrow();
    }

    @Test
    void nameFormsInventoryNamesFoldersAndStaticFilesAreServed() throws Exception {
        SuiteConfig c = load(SUITE);
        for (String url : List.of(HTTP + "/gigaset/{MAC}.xml", HTTP + "/gigaset/{mac}.xml",
                HTTP + "/ST2030S_{MAC}.inf", HTTP + "/st2022m_{mac}.txt", HTTP + "/ST2030S.inf",
                HTTP + "/gigaset/7C2F80AABB01.xml", HTTP + "/ST2030S_00147FE147B3.txt",
                HTTP + "/ST2030M_00147FE147B4.inf", HTTP + "/", HTTP, HTTP + "/gigaset", HTTP + "/gigaset/",
                HTTP + "/st2030/v100.zz", HTTP + "/%54oneTable.txt", HTTP + "/decks", HTTP + "/st2030/",
                "http://PROV.example.lan:8080/gigaset/{MAC}.xml?model={model}", "tftp://192.0.2.10/",
                "tftp://192.0.2.10:69/ST2030S_{MAC}.inf", "tftp://prov.example.lan/ToneTable.txt")) {
            assertEquals(Optional.empty(), OwnUrl.problem(url, c), url);
        }
    }

    @Test
    void anythingElseAtTheSuiteIsAProblemThatSaysWhatIsServed() throws Exception {
        SuiteConfig c = load(SUITE);
        String why = OwnUrl.problem(HTTP + "/snom/{mac}.xml", c).orElseThrow();
        assertTrue(why.startsWith("'" + HTTP + "/snom/{mac}.xml' is this suite's httpd, which serves nothing at"
                + " '/snom/{mac}.xml'; it serves gigaset/{MAC}.xml, ST2030S_{MAC}.inf, ST2030S_{MAC}.txt"), why);
        assertTrue(why.contains("ST2030S.inf, ST2030M.inf, ST2022S.inf, ST2022M.inf (the model INFs)"), why);
        assertTrue(why.contains("the folders / and gigaset/"), why);
        for (String url : List.of(HTTP + "/{model}_{MAC}.inf", HTTP + "/gigaset/{MAC}.cfg", HTTP + "/{MAC}.xml",
                HTTP + "/gigaset/7C2F80AABB99.xml", HTTP + "/st2030/missing.zz", HTTP + "/ST2030S_{MAC}.ser",
                HTTP + "/tonetable.txt", HTTP + "/../phoneprov.yaml", HTTP + "/nofolder/",
                "http://PROV.EXAMPLE.LAN:8080/x", "http://user@192.0.2.10:8080/x")) {
            assertTrue(OwnUrl.problem(url, c).isPresent(), url);
        }
        assertTrue(OwnUrl.problem("tftp://192.0.2.10/snom.cfg", c).orElseThrow().contains("this suite's tftpd"));
    }

    @Test
    void otherHostsPortsAndSchemesAreNotJudged() throws Exception {
        SuiteConfig c = load(SUITE);
        for (String url : List.of("http://192.0.2.10/snom/{mac}.xml", "http://192.0.2.11:8080/x",
                "http://10.77.0.1/snom/{mac}.xml", "https://192.0.2.10:8080/x", "tftp://192.0.2.10:6969/x",
                "ftp://192.0.2.10/x", "http://prov.example.lan.evil:8080/x", "http://192.0.2.10:99999/x")) {
            assertEquals(Optional.empty(), OwnUrl.problem(url, c), url);
        }
    }

    @Test
    void aDaemonThatDoesNotRunIsNotJudged() throws Exception {
        SuiteConfig c = load(TestConfigs.FULL.replace("httpd:\n", "httpd:\n  enabled: false\n"));
        assertEquals(Optional.empty(), OwnUrl.problem(HTTP + "/snom/{mac}.xml", c));
        assertEquals(Optional.empty(), OwnUrl.problem("tftp://192.0.2.10/snom.cfg", c),
                "tftpd is off without a section");
    }

    @Test
    void onPortEightyTheUrlMayLeaveThePortOut() throws Exception {
        SuiteConfig c = load(SUITE.replace("  port: 8080\n", "  port: 80\n"));
        assertTrue(OwnUrl.problem("http://192.0.2.10/snom/{mac}.xml", c).isPresent());
        assertTrue(OwnUrl.problem("http://192.0.2.10:80/snom/{mac}.xml", c).isPresent());
        assertEquals(Optional.empty(), OwnUrl.problem("http://192.0.2.10/gigaset/{MAC}.xml", c));
        assertEquals(Optional.empty(), OwnUrl.problem("http://192.0.2.10:8080/snom/{mac}.xml", c));
    }

    @Test
    void anIpv6SuiteIsMatchedInBrackets() throws Exception {
        SuiteConfig c = load(SUITE.replace("address: 192.0.2.10", "address: \"2001:db8::10\""));
        assertTrue(OwnUrl.problem("http://[2001:db8:0::10]:8080/snom/{mac}.xml", c).isPresent());
        assertEquals(Optional.empty(), OwnUrl.problem("http://[2001:db8::10]:8080/gigaset/{MAC}.xml", c));
        assertEquals(Optional.empty(), OwnUrl.problem("http://[2001:db8::11]:8080/snom/{mac}.xml", c));
    }

    @Test
    void anEncryptedModelServesItsMacConfigAsSer() throws Exception {
        SuiteConfig c = load(SUITE.replace("  ST2030S:\n",
                "  ST2030S:\n    encryption: {key: \"1234567890123456\"}\n"));
        assertEquals(Optional.empty(), OwnUrl.problem(HTTP + "/ST2030S_{MAC}.ser", c));
        assertTrue(OwnUrl.problem(HTTP + "/ST2030S_{MAC}.txt", c).isPresent());
    }

    /** The name forms are the resolver's: each, filled with a device's MAC, is a file the snapshot serves. */
    @Test
    void everyFormFilledWithADevicesMacResolves() throws Exception {
        SuiteConfig c = load(SUITE);
        ProvisioningSnapshot s = SnapshotBuilder.build(c, Optional.empty(), 1_700_000_000_000L).snapshot()
                .orElseThrow();
        for (Device d : c.devices().values()) {
            List<String> forms = d.model().isGigaset() ? List.of("gigaset/{MAC}.xml", "gigaset/{mac}.xml")
                    : List.of(d.model() + "_{MAC}.inf", d.model() + "_{mac}.txt");
            for (String form : forms) {
                assertTrue(ServedNames.serves(form, c), form);
                String name = form.replace("{MAC}", d.mac().hex()).replace("{mac}", d.mac().hex().toLowerCase());
                assertInstanceOf(Lookup.Found.class, s.resolve(name, Transport.HTTP), name);
            }
        }
    }
}
