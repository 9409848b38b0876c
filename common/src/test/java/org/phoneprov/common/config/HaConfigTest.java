package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dhcpd.ha:}, two nodes modelled on Kea's HA hook (issue 14, item 2). */
class HaConfigTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    @TempDir
    Path dir;

    private LoadResult load(String ha) throws Exception {
        return ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + "dhcpd:\n  ha:\n" + ha.indent(4)));
    }

    private String errors(String ha) throws Exception {
        LoadResult r = load(ha);
        assertFalse(r.isOk(), "expected errors");
        return String.join("\n", r.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aHotStandbyPairWithKeasDefaultTimes() throws Exception {
        Files.writeString(dir.resolve("ha.secret"), SECRET + "\n");
        LoadResult r = load("""
                mode: hot-standby
                this_node: dhcp-b
                secret_file: ha.secret
                peers:
                  - {name: dhcp-a, address: 10.77.0.1, role: primary}
                  - {name: dhcp-b, address: 10.77.0.2, port: 9647, role: standby}
                """);
        assertTrue(r.isOk(), r.problems().toString());
        HaSettings h = r.config().orElseThrow().dhcp().ha().orElseThrow();
        assertEquals(HaSettings.Mode.HOT_STANDBY, h.mode());
        assertEquals("dhcp-b", h.self().name());
        assertEquals(9647, h.self().port());
        assertEquals("dhcp-a", h.partner().name());
        assertEquals(HaSettings.DEFAULT_PORT, h.partner().port());
        assertEquals(HaSettings.Role.STANDBY, h.self().role());
        assertEquals(10_000, h.heartbeatMillis());
        assertEquals(60_000, h.maxResponseMillis());
        assertEquals(10_000, h.maxAckMillis());
        assertEquals(10, h.maxUnackedClients());
        assertEquals(SECRET, h.secret());
        assertFalse(h.toString().contains(SECRET), h.toString());
    }

    @Test
    void withoutHaThereIsNone() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL));
        assertTrue(r.config().orElseThrow().dhcp().ha().isEmpty());
    }

    @Test
    void mistakesAreLocatedAndNeverQuoteTheSecret() throws Exception {
        Files.writeString(dir.resolve("short.secret"), "tooshort\n");
        String e = errors("""
                mode: load-balancing
                this_node: dhcp-c
                secret_file: short.secret
                heartbeat_delay_ms: 1000
                max_response_delay_ms: 500
                peers:
                  - {name: dhcp-a, address: 10.77.0.1, role: primary}
                  - {name: dhcp-b, address: 10.77.0.2, role: standby}
                """);
        assertTrue(e.contains("dhcpd.ha.secret_file") && e.contains("has 8 characters"), e);
        assertFalse(e.contains("tooshort"), e);
        assertTrue(e.contains("dhcpd.ha.max_response_delay_ms: must be longer than heartbeat_delay_ms"), e);
        assertTrue(e.contains("load-balancing needs one primary and one secondary"), e);
        assertTrue(e.contains("phoneprov.yaml:14:28: dhcpd.ha.max_response_delay_ms"), "file, line, column: " + e);
    }

    @Test
    void thePairNeedsTwoPeersAndThisNodeAmongThem() throws Exception {
        Files.writeString(dir.resolve("ha.secret"), SECRET + "\n");
        String one = errors("""
                mode: hot-standby
                this_node: dhcp-a
                secret_file: ha.secret
                peers:
                  - {name: dhcp-a, address: 10.77.0.1, role: primary}
                """);
        assertTrue(one.contains("needs exactly two peers"), one);
        String missing = errors("""
                mode: hot-standby
                this_node: dhcp-x
                secret_file: missing.secret
                peers:
                  - {name: dhcp-a, address: 10.77.0.1, role: primary}
                  - {name: dhcp-b, address: 10.77.0.2, role: boss}
                """);
        assertTrue(missing.contains("file not found"), missing);
        assertTrue(missing.contains("'boss' is not a role"), missing);
        String self = errors("""
                mode: hot-standby
                this_node: dhcp-x
                secret_file: ha.secret
                peers:
                  - {name: dhcp-a, address: 10.77.0.1, role: primary}
                  - {name: dhcp-b, address: 10.77.0.2, role: standby}
                """);
        assertTrue(self.contains("'dhcp-x' is none of the peers"), self);
    }

    @Test
    void tlsNeedsTheCertificateTheKeyAndTheCa() throws Exception {
        Files.writeString(dir.resolve("ha.secret"), SECRET + "\n");
        String e = errors("""
                mode: hot-standby
                this_node: dhcp-a
                secret_file: ha.secret
                tls: {cert: missing.pem, key: missing.key}
                peers:
                  - {name: dhcp-a, address: 10.77.0.1, role: primary}
                  - {name: dhcp-b, address: 10.77.0.2, role: standby}
                """);
        assertTrue(e.contains("dhcpd.ha.tls.ca"), e);
        assertTrue(e.contains("dhcpd.ha.tls.cert"), e);
    }
}
