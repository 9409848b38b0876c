package org.phoneprov.dhcpd.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phoneprov.common.net.Ip4;

class PoolTest {
    @Test
    void poolsCompareUnsigned() {
        Pool p = Pool.of("192.168.1.10", "192.168.1.20");
        assertEquals(11, p.size());
        assertTrue(p.contains(Ip4.parse("192.168.1.10")));
        assertTrue(p.contains(Ip4.parse("192.168.1.20")));
        assertFalse(p.contains(Ip4.parse("192.168.1.21")));
        assertFalse(p.contains(Ip4.parse("10.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> Pool.of("192.168.1.20", "192.168.1.10"));
        assertThrows(IllegalArgumentException.class, () -> Pool.of("10.0.0.0", "11.0.0.0"));
    }

    @Test
    void subnetValidatesItsPools() {
        SubnetPools s = SubnetPools.of("10.77.0.0/16", List.of(Pool.of("10.77.1.0", "10.77.1.255")));
        assertEquals(Ip4.parse("10.77.0.0"), s.network());
        assertEquals(16, s.prefix());
        assertEquals(256, s.size());
        assertTrue(s.contains(Ip4.parse("10.77.200.3")));
        assertFalse(s.contains(Ip4.parse("10.78.0.1")));
        assertThrows(IllegalArgumentException.class,
                () -> SubnetPools.of("10.77.0.1/16", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> SubnetPools.of("10.77.0.0/24", List.of(Pool.of("10.77.0.250", "10.77.1.5"))));
        assertThrows(IllegalArgumentException.class, () -> SubnetPools.of("10.77.0.0/24",
                List.of(Pool.of("10.77.0.10", "10.77.0.20"), Pool.of("10.77.0.20", "10.77.0.30"))));
        assertThrows(IllegalArgumentException.class, () -> SubnetPools.of("10.77.0.0", List.of()));
    }
}
