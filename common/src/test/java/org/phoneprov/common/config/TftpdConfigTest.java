package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TftpdConfigTest {
    @TempDir
    Path dir;

    @Test
    void builtInRulesMapTheSeedsNames() {
        TftpdSettings t = TftpdSettings.defaults();
        // APS seed 2.4.3 and 2.4.4 write names like these in the INF.
        assertEquals("ip_phones/mgcp/st2030/v100.zz", t.mapName("C:\\ip_phones\\mgcp\\st2030\\v100.zz"));
        assertEquals("ip_phones/mgcp/decks/st2030/main.thd", t.mapName(".\\ip_phones\\mgcp\\decks\\st2030\\main.thd"));
        assertEquals("cert/cacert.pem", t.mapName("cert\\cacert.pem"));
        assertEquals("ST2030S_00147FE147B3.txt", t.mapName("/ST2030S_00147FE147B3.txt"));
        assertEquals("a/b", t.mapName("c:a\\b"));
        assertEquals("../x", t.mapName("..\\x"), "rules only respell; the files root refuses traversal later");
    }

    @Test
    void customRulesAndLimitsLoadAndBadOnesAreLocated() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + """
                tftpd:
                  max_blksize: 8192
                  max_window: 16
                  case_insensitive: true
                  name_rules:
                    - backslashes
                    - {pattern: "^firmware/", replace: "st2030/"}
                    - drive_letter
                """));
        assertTrue(r.isOk(), r.problems().toString());
        TftpdSettings t = r.config().orElseThrow().tftp();
        assertEquals(8192, t.maxBlksize());
        assertTrue(t.caseInsensitive());
        assertEquals("st2030/v100.zz", t.mapName("firmware\\v100.zz"));

        LoadResult bad = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + """
                tftpd:
                  max_blksize: 70000
                  name_rules: [backslash, {pattern: "([", replace: x}]
                """));
        String all = String.join("\\n", bad.problems().stream().map(Problem::toString).toList());
        assertTrue(all.contains("tftpd.max_blksize: must be between 8 and 65464"), all);
        assertTrue(all.contains("tftpd.name_rules[0]: no built-in rule 'backslash'"), all);
        assertTrue(all.contains("tftpd.name_rules[1].pattern: not a valid rule"), all);
    }

    @Test
    void twoLoadsOfTheSameSettingsAreEqualSoAReloadSeesNoChange() throws Exception {
        String yaml = TestConfigs.MINIMAL + "tftpd:\n  name_rules: [backslashes, {pattern: \"^a/\", replace: b/}]\n"
                + "dhcpd:\n  subnets: [{subnet: 10.9.0.0/16, pools: [\"10.9.1.0-10.9.1.9\"]}]\n";
        SuiteConfig a = ConfigLoader.load(TestConfigs.write(dir, yaml)).config().orElseThrow();
        SuiteConfig b = ConfigLoader.load(TestConfigs.write(dir, "\n\n" + yaml)).config().orElseThrow();
        assertEquals(a.tftp(), b.tftp());
        assertEquals(a.dhcp().withoutLocations(), b.dhcp().withoutLocations(), "lines moved, nothing changed");
    }
}
