package org.phoneprov.dhcpd.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.DeviceClass;
import org.phoneprov.common.config.DhcpClassOptions;
import org.phoneprov.common.config.OptionSpec;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.provision.Model;
import org.phoneprov.dhcpd.classify.Classification;
import org.phoneprov.dhcpd.classify.YamlConfigs;

/** Configs the loader would refuse or rarely sees: assembly stays safe anyway. */
class OptionAssemblerEdgeTest {
    @TempDir
    Path dir;

    @Test
    void serverIdFromAHandBuiltClassIsDropped() {
        SuiteConfig config = YamlConfigs.load(dir, "");
        DhcpClassOptions dhcp = new DhcpClassOptions(DhcpClassOptions.Provision.NONE, Optional.empty(),
                List.of(new OptionSpec(54, "ip", new byte[] {1, 2, 3, 4}, null),
                        new OptionSpec(53, "u8", new byte[] {2}, null)),
                Optional.empty(), Optional.empty(), Optional.empty());
        DeviceClass c = new DeviceClass("hand", Set.of(), Optional.empty(), List.of(), List.of(), List.of(), false, Map.of(), dhcp);
        Assembled a = new OptionAssembler(config).assemble(config.dhcp().subnets().get(0),
                new Classification(Optional.empty(), Classification.Source.UNKNOWN, Optional.empty(), Optional.empty(),
                        Optional.of(c)),
                List.of(54, 53), 600, false);
        assertFalse(a.options().containsKey(53));
        assertFalse(a.options().containsKey(54));
    }

    @Test
    void ipv6SuiteAddressGivesNoTftpServerOptions() {
        SuiteConfig config = YamlConfigs.loadText(dir, YamlConfigs.BASE.replace("192.0.2.10", "2001:db8::10")
                // dhcpd itself needs an IPv4 server id (a config error otherwise); the suite's own address is IPv6.
                .replace("  lease_time: 600", "  lease_time: 600\n  server_id: 10.77.0.1") + """
                classes:
                  tftp:
                    dhcp: {provision: tftp}
                """);
        Assembled a = new OptionAssembler(config).assemble(config.dhcp().subnets().get(0),
                new Classification(Optional.of(Model.ST2030S), Classification.Source.INVENTORY,
                        Optional.of(Model.Vendor.THOMSON), Optional.empty(), Optional.of(config.classes().get("tftp"))),
                List.of(), 600, false);
        assertFalse(a.options().containsKey(66));
        assertFalse(a.options().containsKey(150));
        assertEquals(0, a.nextServer());
        assertEquals("ST2030S.inf", new String(a.options().get(67), java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(a.notes().get(0).contains("not IPv4"), a.notes().toString());
    }

    @Test
    void anOverlongInfUrlIsLeftOutWithANote() {
        // the loader caps the INF name at 201 characters; a long host name does the rest
        String longName = "a".repeat(196) + ".inf";
        String base = YamlConfigs.BASE.replace("  address: 192.0.2.10\n",
                "  address: 192.0.2.10\n  hostname: " + "h".repeat(60) + ".lab.test\n");
        SuiteConfig config = YamlConfigs.loadText(dir, base + """
                models:
                  ST2030S: {inf_name: %s}
                classes:
                  http:
                    dhcp: {provision: http}
                """.formatted(longName));
        Assembled a = new OptionAssembler(config).assemble(config.dhcp().subnets().get(0),
                new Classification(Optional.of(Model.ST2030S), Classification.Source.INVENTORY,
                        Optional.of(Model.Vendor.THOMSON), Optional.empty(), Optional.of(config.classes().get("http"))),
                List.of(), 600, false);
        assertFalse(a.options().containsKey(43));
        assertTrue(a.notes().get(0).contains("longer than 255 characters (seed 2.5)"), a.notes().toString());
    }
}
