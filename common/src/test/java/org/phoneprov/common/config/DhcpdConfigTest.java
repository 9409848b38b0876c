package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.provision.Model;

class DhcpdConfigTest {
    @TempDir
    Path dir;

    static final String DHCP = """
            dhcpd:
              interface: lab0
              lease_time: 600
              rate_limit: {per_client: 5, global: 1000}
              subnets:
                - subnet: 10.77.0.0/16
                  pools: ["10.77.32.0-10.77.255.254"]
                  router: 10.77.0.1
                  dns: [10.77.0.1, 10.77.0.2]
                  domain: lab.test
            classes:
              st2030s:
                match: {models: [ST2030S], user_class: {contains: "ST2030S"}}
                dhcp:
                  provision: http
                  vlan: {enable: 1, voice: 100, data: 200}
              generic:
                match: {vendor_class: [{prefix_hex: "0107"}, {contains: Thomson}]}
                dhcp:
                  provision: tftp
                  file: boot.inf
                  options:
                    - {code: 42, type: ip_list, value: [10.77.0.1, 10.77.0.2]}
                    - {code: 160, type: string, value: "http://10.77.0.1/"}
                    - {code: 43, type: sub_options, value: [{code: 1, type: string, value: ab}, {code: 2, type: u16, value: 258}]}
                    - {code: 200, type: u32, value: 4294967295}
                    - {code: 201, type: hex, value: "01:02:ff"}
                    - {code: 202, type: bool, value: true}
            """;

    @Test
    void subnetsClassesAndOptionsLoadEncoded() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + DHCP));
        assertTrue(r.isOk(), r.problems().toString());
        SuiteConfig c = r.config().orElseThrow();
        assertEquals(600, c.dhcp().leaseSeconds());
        assertEquals(5, c.dhcp().limits().perClient());
        SubnetConfig s = c.dhcp().subnets().get(0);
        assertEquals("10.77.0.0/16", s.subnet().toString());
        assertEquals("10.77.32.0-10.77.255.254", s.pools().get(0).toString());
        assertEquals(2, s.dns().size());
        assertEquals("lab0", c.dhcpd().iface().orElseThrow());
        DeviceClass st = c.classes().get("st2030s");
        assertEquals(DhcpClassOptions.Provision.HTTP, st.dhcp().provision());
        assertEquals(new DhcpClassOptions.Vlan(1, 100, 200), st.dhcp().vlan().orElseThrow());
        assertTrue(st.userClass().get(0).test("Thomson ST2030S".getBytes(StandardCharsets.US_ASCII)));
        DeviceClass g = c.classes().get("generic");
        List<OptionSpec> o = g.dhcp().options();
        assertArrayEquals(new byte[] {10, 77, 0, 1, 10, 77, 0, 2}, o.get(0).value());
        assertArrayEquals(new byte[] {1, 2, 'a', 'b', 2, 2, 1, 2}, o.get(2).value());
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, o.get(3).value());
        assertArrayEquals(new byte[] {1, 2, -1}, o.get(4).value());
        assertArrayEquals(new byte[] {1}, o.get(5).value());
        assertTrue(g.vendorClass().get(0).test(new byte[] {'0', '1', '0', '7'}) == false);
        assertTrue(g.vendorClass().get(0).test(new byte[] {1, 7, 'T'}));
        assertFalse(g.matches(Model.ST2030S, org.phoneprov.common.mac.Mac.parse("00147F000001").orElseThrow()),
                "a class with packet conditions never matches at template time");
    }

    @Test
    void badSubnetsPoolsAndOptionsAreLocated() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + """
                dhcpd:
                  subnets:
                    - subnet: 10.77.0.1/16
                    - subnet: 10.78.0.0/16
                      pools: ["10.78.0.0-10.78.0.10", "10.79.0.1-10.79.0.9", "10.78.0.5-10.78.0.6", "x"]
                      router: 10.1.1.1
                classes:
                  c:
                    dhcp:
                      provision: ftp
                      vlan: {voice: 5000}
                      options:
                        - {code: 53, type: u8, value: 1}
                        - {code: 99, type: ip, value: nope}
                        - {code: 98, type: colour, value: red}
                devices:
                  - {mac: 00147F000001, model: ST2030S, address: 192.0.2.1}
                """));
        String all = String.join("\n", r.problems().stream().map(Problem::toString).toList());
        assertTrue(all.contains(":10:15: dhcpd.subnets[0].subnet: '10.77.0.1/16' has host bits set"), all);
        assertTrue(all.contains("dhcpd.subnets[1].pools: '10.78.0.0-10.78.0.10' is not inside 10.78.0.0/16"), all);
        assertTrue(all.contains("'10.79.0.1-10.79.0.9' is not inside"), all);
        assertTrue(all.contains("'x' is not a range"), all);
        assertTrue(all.contains("dhcpd.subnets[1].router: 10.1.1.1 is not in 10.78.0.0/16"), all);
        assertTrue(all.contains("classes.c.dhcp.provision: 'ftp' is not one of http, tftp, none"), all);
        assertTrue(all.contains("classes.c.dhcp.vlan.voice: must be between 1 and 4094"), all);
        assertTrue(all.contains("classes.c.dhcp.vlan.data: missing"), all);
        assertTrue(all.contains("options[0].code: dhcpd writes option 53 itself"), all);
        assertTrue(all.contains("options[1].value: 'nope' is not an IP address literal"), all);
        assertTrue(all.contains("options[2].type: unknown type 'colour'"), all);
        assertTrue(all.contains("address: the fixed address 192.0.2.1 of 00:14:7F:00:00:01 is in none of dhcpd's subnets"), all);
    }

    /** The codes refused are exactly DhcpOption's server-written set, the one dhcpd's replies hold to. */
    @Test
    void aClassCannotConfigureAnOptionTheServerWritesItself() throws Exception {
        StringBuilder yaml = new StringBuilder(TestConfigs.MINIMAL + "classes:\n  c:\n    dhcp:\n      options:\n");
        for (int code = 1; code <= 254; code++) {
            yaml.append("        - {code: ").append(code).append(", type: u8, value: 1}\n");
        }
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, yaml.toString()));
        Set<Integer> refused = new TreeSet<>();
        Pattern p = Pattern.compile("dhcpd writes option (\\d+) itself from the exchange");
        for (Problem problem : r.problems()) {
            Matcher m = p.matcher(problem.toString());
            assertTrue(m.find(), problem.toString());
            refused.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(DhcpOption.serverWritten().stream().map(DhcpOption::code).collect(Collectors.toSet()), refused);
    }

    @Test
    void anEnabledDhcpdNeedsAnIpv4ServerAddress() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, """
                suite: {address: "2001:db8::1"}
                paths: {files: files}
                dhcpd: {interface: lab0}
                """));
        String all = String.join("\n", r.problems().stream().map(Problem::toString).toList());
        assertTrue(all.contains(":1:18: suite.address: dhcpd is enabled and needs an IPv4 server address"), all);
        LoadResult ok = ConfigLoader.load(TestConfigs.write(dir, """
                suite: {address: "2001:db8::1"}
                paths: {files: files}
                dhcpd: {interface: lab0, server_id: 10.0.0.1}
                """));
        assertTrue(ok.isOk(), ok.problems().toString());
    }
}
