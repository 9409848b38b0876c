package org.phoneprov.dhcpd.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phoneprov.dhcpd.classify.St20xxVendorClassTest.concat;
import static org.phoneprov.dhcpd.classify.YamlConfigs.ascii;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserClassTest {
    @Test
    void seedRawFormIsOneInstance() {
        // seed 2.4: "for a ST2022SIP it would be Thomson ST2022S"
        List<byte[]> instances = UserClass.parse(ascii("Thomson ST2022S"));
        assertEquals(1, instances.size());
        assertArrayEquals(ascii("Thomson ST2022S"), instances.get(0));
    }

    @Test
    void rfc3004InstancesAreSplit() {
        List<byte[]> one = UserClass.parse(concat(new byte[] {15}, ascii("Thomson ST2022S")));
        assertEquals(1, one.size());
        assertArrayEquals(ascii("Thomson ST2022S"), one.get(0));

        List<byte[]> two = UserClass.parse(concat(new byte[] {3}, ascii("abc"), new byte[] {2}, ascii("de")));
        assertEquals(2, two.size());
        assertArrayEquals(ascii("abc"), two.get(0));
        assertArrayEquals(ascii("de"), two.get(1));
    }

    @Test
    void notExactlyRfc3004IsRaw() {
        byte[] overrun = concat(new byte[] {3}, ascii("abc"), new byte[] {5}, ascii("de"));
        assertArrayEquals(overrun, UserClass.parse(overrun).get(0));
        byte[] zeroLength = {0, 1, 'a'};
        assertArrayEquals(zeroLength, UserClass.parse(zeroLength).get(0));
        assertEquals(List.of(), UserClass.parse(new byte[0]));
        assertEquals(List.of(), UserClass.parse(null));
    }

    @Test
    void lengthBytesAbove0x7fAreUnsigned() {
        byte[] data = new byte[200];
        Arrays.fill(data, (byte) 0xAA);
        List<byte[]> instances = UserClass.parse(concat(new byte[] {(byte) 0xC8}, data));
        assertEquals(1, instances.size());
        assertArrayEquals(data, instances.get(0));
        byte[] raw = {(byte) 0xFF, 'x'};
        assertArrayEquals(raw, UserClass.parse(raw).get(0));
    }

    @Test
    void randomGarbageNeverThrowsAndAlwaysYieldsSomething() {
        Random r = new Random(77);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[1 + r.nextInt(40)];
            r.nextBytes(b);
            assertEquals(false, UserClass.parse(b).isEmpty());
        }
    }

    @Test
    void resultDoesNotAliasTheInput() {
        byte[] raw = ascii("Thomson ST2022S");
        byte[] got = UserClass.parse(raw).get(0);
        got[0] = 'X';
        assertEquals('T', raw[0]);
    }
}
