package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpOptionsTest {

    @Test
    void keepsInsertionOrder() {
        DhcpOptions o = DhcpOptions.builder().putByte(53, 2).putIp(54, 0x0a000001).putInt(51, 3600)
                .putString(60, "x").putShort(57, 1500).build();
        assertEquals(List.of(53, 54, 51, 60, 57), List.copyOf(o.codes()));
        assertEquals(5, o.size());
    }

    @Test
    void putAgainReplacesValueButKeepsPosition() {
        DhcpOptions o = DhcpOptions.builder().putByte(53, 1).putString(12, "a").putByte(53, 3).build();
        assertEquals(List.of(53, 12), List.copyOf(o.codes()));
        assertArrayEquals(new byte[] {3}, o.get(53).orElseThrow());
    }

    @Test
    void helpersWriteNetworkOrder() throws Exception {
        Inet4Address a = (Inet4Address) InetAddress.getByName("10.77.0.1");
        DhcpOptions o = DhcpOptions.builder()
                .putIp(3, 0x0a4d0001, 0x0a4d0002).putIp(54, a).putInt(51, 0x01020304).putShort(57, 0x05dc)
                .putByte(53, 0xff).putString(67, "ST2030S.inf").build();
        assertArrayEquals(new byte[] {10, 77, 0, 1, 10, 77, 0, 2}, o.get(3).orElseThrow());
        assertArrayEquals(new byte[] {10, 77, 0, 1}, o.get(54).orElseThrow());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, o.get(51).orElseThrow());
        assertArrayEquals(new byte[] {0x05, (byte) 0xdc}, o.get(57).orElseThrow());
        assertArrayEquals(new byte[] {(byte) 0xff}, o.get(53).orElseThrow());
        assertEquals("ST2030S.inf", o.getString(67).orElseThrow());
        assertEquals(11, o.length(67));
        assertEquals(-1, o.length(66));
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] v = {1, 2, 3};
        DhcpOptions.Builder b = DhcpOptions.builder().put(43, v);
        DhcpOptions o = b.build();
        v[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, o.get(43).orElseThrow());
        o.get(43).orElseThrow()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, o.get(43).orElseThrow());
        b.put(43, new byte[] {7});
        assertArrayEquals(new byte[] {1, 2, 3}, o.get(43).orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> o.codes().remove(43));
    }

    @Test
    void absentOptions() {
        DhcpOptions o = DhcpOptions.empty();
        assertTrue(o.isEmpty());
        assertFalse(o.has(53));
        assertTrue(o.get(53).isEmpty());
        assertTrue(o.getString(60).isEmpty());
        assertSame(DhcpOptions.empty(), DhcpOptions.builder().build());
    }

    @Test
    void padAndEndAreNotOptions() {
        assertThrows(IllegalArgumentException.class, () -> DhcpOptions.builder().put(0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> DhcpOptions.builder().put(255, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> DhcpOptions.builder().put(256, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> DhcpOptions.builder().put(-3, new byte[0]));
    }

    @Test
    void stringsAreOneCharPerByteWithoutSignExtension() {
        DhcpOptions o = DhcpOptions.builder().put(77, new byte[] {(byte) 0xe9, (byte) 0x80, 0x41}).build();
        assertEquals("\u00e9\u0080A", o.getString(77).orElseThrow());
    }

    @Test
    void equalityIgnoresOrderButNotValues() {
        DhcpOptions a = DhcpOptions.builder().putByte(53, 1).putString(12, "a").build();
        DhcpOptions b = DhcpOptions.builder().putString(12, "a").putByte(53, 1).build();
        DhcpOptions c = DhcpOptions.builder().putString(12, "b").putByte(53, 1).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertNotEquals(a, DhcpOptions.builder().putByte(53, 1).build());
        assertEquals("{53=01, 12=61}", a.toString());
    }

    @Test
    void toBuilderAndRemove() {
        DhcpOptions a = DhcpOptions.builder().putByte(53, 1).putString(12, "a").build();
        DhcpOptions b = a.toBuilder().remove(53).putByte(52, 1).build();
        assertEquals(List.of(12, 52), List.copyOf(b.codes()));
        assertTrue(a.has(53));
    }
}
