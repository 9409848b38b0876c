package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SipdConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsWithoutASection() throws Exception {
        SuiteConfig c = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL)).config().orElseThrow();
        assertFalse(c.sipd().enabled());
        assertEquals(5060, c.sipd().port());
        assertEquals("224.0.1.75", c.sip().pnp().group().getHostAddress());
        assertTrue(c.sip().pnp().vendors().isEmpty());
        assertEquals(5060, c.sip().checkSync().phonePort());
        assertEquals(500, c.sip().checkSync().t1Millis());
        assertEquals(32_000, c.sip().checkSync().timeoutMillis(), "RFC 3261 Timer F = 64*T1");
    }

    @Test
    void pnpRulesAndCheckSyncPacingLoad() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + """
                sipd:
                  enabled: true
                  interface: lab0
                  pnp:
                    allow: [10.77.0.0/16, 192.168.1.0/24]
                    rate_per_source: 3
                    vendors:
                      - {vendor: [snom, OEM], model: "snom.*", url: "http://10.77.0.1/snom/{mac}.xml"}
                      - {profile_types: [application], url: "tftp://10.77.0.1/"}
                  notify:
                    span: 60
                    rate: 20
                    t1_ms: 100
                """));
        assertTrue(r.isOk(), r.problems().toString());
        SipdSettings s = r.config().orElseThrow().sip();
        assertEquals(2, s.pnp().vendors().size());
        SipdSettings.PnpRule snom = s.pnp().vendors().get(0);
        assertEquals(List.of("snom", "oem"), snom.vendors(), "vendor names compare lower case");
        assertTrue(snom.model().orElseThrow().matcher("SNOMD785").matches(), "models match ignoring case");
        assertEquals(List.of("device", "application"), snom.profileTypes());
        assertTrue(snom.needsMac());
        assertEquals("sipd.pnp.vendors[0]", snom.name());
        assertFalse(s.pnp().vendors().get(1).needsMac());
        assertTrue(s.pnp().allows(InetAddress.getByName("10.77.200.3")));
        assertFalse(s.pnp().allows(InetAddress.getByName("10.78.0.3")));
        assertEquals(3, s.pnp().perSourcePerSecond());
        assertEquals(60, s.checkSync().spanSeconds());
        assertEquals(20, s.checkSync().ratePerSecond());
        assertEquals(6_400, s.checkSync().timeoutMillis(), "Timer F follows a configured T1");
    }

    @Test
    void mistakesAreLocated() throws Exception {
        LoadResult bad = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + """
                sipd:
                  enabled: true
                  pnp:
                    group: 10.0.0.1
                    allow: [10.77.0.0/33, nonsense]
                    vendors:
                      - {vendor: snom, url: "http://x/{serial}.xml"}
                      - {model: "([", url: "gopher://x"}
                      - {vendor: yealink}
                  notify: {rate: 0, colour: blue}
                """));
        String all = String.join("\n", bad.problems().stream().map(Problem::toString).toList());
        assertTrue(all.contains("sipd.pnp.group: 10.0.0.1 is not an IPv4 multicast group"), all);
        assertTrue(all.contains("sipd.pnp.allow[0]: '10.77.0.0/33' is not a subnet"), all);
        assertTrue(all.contains("sipd.pnp.allow[1]: 'nonsense' is not a subnet"), all);
        assertTrue(all.contains("sipd.pnp.vendors[0].url: unknown placeholder {serial}"), all);
        assertTrue(all.contains("sipd.pnp.vendors[1].model: not a valid pattern"), all);
        assertTrue(all.contains("sipd.pnp.vendors[1].url: 'gopher://x' is not an http"), all);
        assertTrue(all.contains("sipd.pnp.vendors[2].url"), all);
        assertTrue(all.contains("sipd.notify.rate"), all);
        assertTrue(all.contains("sipd.notify.colour"), all);
        assertTrue(all.contains("sipd.interface: missing; plug-and-play joins 10.0.0.1"), all);
        assertTrue(bad.problems().stream().allMatch(p -> p.toString().contains("phoneprov.yaml:")), all);
    }

    /** MINIMAL with an enabled sipd that answers {@code allow}, its {@code vendors:} items one YAML line each. */
    private static String withRules(String allow, String... ruleLines) {
        StringBuilder b = new StringBuilder(TestConfigs.MINIMAL).append("sipd:\n  enabled: true\n  interface: lab0\n"
                + "  pnp:\n    allow: [" + allow + "]\n    vendors:\n");
        for (String line : ruleLines) {
            b.append("      ").append(line).append('\n');
        }
        return b.toString();
    }

    @Test
    void aUserAgentPatternIsFoundIgnoringCase() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, withRules("10.77.0.0/16",
                "- user_agent: \"^(Gigaset )?(N510|N720|N870|Maxwell)\"", "  url: \"http://10.77.0.1/gigaset/{MAC}.xml\"")));
        assertTrue(r.isOk(), r.problems().toString());
        SipdSettings.PnpRule gigaset = r.config().orElseThrow().sip().pnp().vendors().get(0);
        assertTrue(gigaset.vendors().isEmpty() && gigaset.model().isEmpty(), "no other matcher given");
        assertTrue(gigaset.userAgent().orElseThrow().matcher("gigaset n720 DM PRO/70.089").find());
        assertFalse(gigaset.userAgent().orElseThrow().matcher("snomD785 (Gigaset N510)").find(), "anchored at ^");
    }

    @Test
    void aBadOrEmptyUserAgentPatternIsLocated() throws Exception {
        String yaml = withRules("10.77.0.0/16",
                "- {user_agent: \"^(Gigaset\", url: \"http://10.77.0.1/gigaset/{MAC}.xml\"}",
                "- {user_agent: \"\", url: \"http://10.77.0.1/gigaset/{MAC}.xml\"}",
                "- {user_agnet: \"N510\", url: \"http://10.77.0.1/gigaset/{MAC}.xml\"}");
        LoadResult bad = ConfigLoader.load(TestConfigs.write(dir, yaml));
        String all = String.join("\n", bad.problems().stream().map(Problem::toString).toList());
        int line = (int) yaml.substring(0, yaml.indexOf("      - {user_agent: \"^")).lines().count() + 1;
        assertTrue(all.contains("phoneprov.yaml:" + line + ":22: sipd.pnp.vendors[0].user_agent: not a valid"
                + " pattern: Unclosed group"), all);
        assertTrue(all.contains("sipd.pnp.vendors[1].user_agent: empty; leave user_agent out to match any"), all);
        assertTrue(all.contains("sipd.pnp.vendors[2].user_agnet: unknown key (did you mean 'user_agent'?)"), all);
    }

    @Test
    void aRuleUrlAtThisSuiteThatNothingServesIsLocatedAtItsUrl() throws Exception {
        String yaml = withRules("192.0.2.0/24",
                "- {user_agent: \"^Gigaset\", url: \"http://192.0.2.10:8080/gigaset/{MAC}.xml\"}",
                "- vendor: snom",
                "  url: \"http://192.0.2.10:8080/snom/{mac}.xml\"",
                "- {vendor: yealink, url: \"http://192.0.2.99/yealink/{mac}.cfg\"}");
        LoadResult bad = ConfigLoader.load(TestConfigs.write(dir, yaml));
        assertEquals(1, bad.problems().size(), bad.problems().toString());
        int line = (int) yaml.substring(0, yaml.indexOf("        url: \"http://192.0.2.10:8080/snom")).lines().count()
                + 1;
        String p = bad.problems().get(0).toString();
        assertTrue(p.contains("phoneprov.yaml:" + line + ":14: sipd.pnp.vendors[1].url: 'http://192.0.2.10:8080"
                + "/snom/{mac}.xml' is this suite's httpd, which serves nothing at '/snom/{mac}.xml'; it serves"
                + " gigaset/{MAC}.xml"), p);
        String disabled = yaml.replace("  enabled: true\n", "  enabled: false\n");
        LoadResult off = ConfigLoader.load(TestConfigs.write(dir, disabled));
        assertTrue(off.isOk(), "a sipd that does not run answers nobody: " + off.problems());
    }

    @Test
    void rulesWithoutAllowedSubnetsAreRefused() throws Exception {
        LoadResult bad = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + """
                sipd:
                  interface: lab0
                  pnp:
                    vendors: [{url: "http://10.77.0.1/"}]
                """));
        String all = String.join("\n", bad.problems().stream().map(Problem::toString).toList());
        assertTrue(all.contains("sipd.pnp.allow: missing; say which subnets get plug-and-play answers"), all);
    }

    @Test
    void twoLoadsAreEqualSoAReloadSeesNoChange() throws Exception {
        String yaml = TestConfigs.MINIMAL + "sipd:\n  interface: lab0\n  pnp:\n    allow: [10.0.0.0/8]\n"
                + "    vendors: [{vendor: snom, model: \"snom.*\", url: \"http://h/{mac}\"}]\n";
        SuiteConfig a = ConfigLoader.load(TestConfigs.write(dir, yaml)).config().orElseThrow();
        SuiteConfig b = ConfigLoader.load(TestConfigs.write(dir, "\n" + yaml)).config().orElseThrow();
        assertEquals(a.sip(), b.sip());
    }
}
