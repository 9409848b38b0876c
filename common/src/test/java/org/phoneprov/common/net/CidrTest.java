package org.phoneprov.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
    static boolean in(String cidr, String address) throws Exception {
        return Cidr.parse(cidr).orElseThrow().contains(InetAddress.getByName(address));
    }

    @Test
    void prefixesOnAndOffByteBoundaries() throws Exception {
        assertTrue(in("10.77.0.0/16", "10.77.255.254"));
        assertFalse(in("10.77.0.0/16", "10.78.0.1"));
        // /19: 192.168.32.0 - 192.168.63.255
        assertTrue(in("192.168.32.0/19", "192.168.63.255"));
        assertFalse(in("192.168.32.0/19", "192.168.64.0"));
        assertFalse(in("192.168.32.0/19", "192.168.31.255"));
        assertTrue(in("10.77.5.6/16", "10.77.200.1"), "host bits of the network are ignored");
        assertTrue(in("0.0.0.0/0", "203.0.113.9"));
        assertTrue(in("203.0.113.9/32", "203.0.113.9"));
        assertFalse(in("203.0.113.9/32", "203.0.113.8"));
        assertTrue(in("2001:db8::/33", "2001:db8:7fff::1"));
        assertFalse(in("2001:db8::/33", "2001:db8:8000::1"));
        assertFalse(in("2001:db8::/32", "10.0.0.1"), "families never mix");
        assertEquals("10.77.0.0", Cidr.parse("10.77.5.6/16").orElseThrow().firstAddress().getHostAddress());
    }
}
