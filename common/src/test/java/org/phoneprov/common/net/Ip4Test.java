package org.phoneprov.common.net;

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

class Ip4Test {

    @Test
    void parsesAndPrintsDottedDecimal() {
        assertEquals(0x0A4D0014, Ip4.parse("10.77.0.20"));
        assertEquals("10.77.0.20", Ip4.toString(0x0A4D0014));
        assertEquals("255.255.255.255", Ip4.toString(Ip4.parse("255.255.255.255")));
        assertEquals("0.0.0.0", Ip4.toString(0));
        assertEquals("192.168.1.254", Ip4.toString(Ip4.parse("192.168.1.254")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.0.1", "10.0.0.256", "10.-1.0.0", "10.0.0.a", "10..0.1",
            " 10.0.0.1", "1000.0.0.1", "+1.0.0.1"})
    void rejectsWhatIsNotAnAddress(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ip4.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void convertsToAndFromInet4Address() throws Exception {
        Inet4Address a = (Inet4Address) InetAddress.getByName("192.168.10.200");
        int v = Ip4.toInt(a);
        assertEquals(Ip4.parse("192.168.10.200"), v);
        assertEquals(a, Ip4.toInet(v));
    }

    @Test
    void masks() {
        assertEquals(0, Ip4.mask(0));
        assertEquals(0xFFFFFF00, Ip4.mask(24));
        assertEquals(0xFFFFFFFF, Ip4.mask(32));
        assertThrows(IllegalArgumentException.class, () -> Ip4.mask(33));
    }
}
