package org.phoneprov.dhcpd.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.dhcpd.classify.YamlConfigs.ascii;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class St20xxVendorClassTest {
    /** Seed 2.4, the example byte for byte: codes and lengths as two ASCII digits each. */
    static final byte[] SEED_EXAMPLE = {'0', '1', '0', '7', 'T', 'h', 'o', 'm', 's', 'o', 'n', '0', '2', '0', '6',
            'S', 'T', '2', '0', '3', '0', '0', '3', '0', '3', 'S', 'I', 'P'};

    static final St20xxVendorClass ST2030_SIP = new St20xxVendorClass("Thomson", "ST2030", "SIP");

    @Test
    void seedStringFormParses() {
        assertEquals(28, SEED_EXAMPLE.length);
        assertEquals(Optional.of(ST2030_SIP), St20xxVendorClass.parse(SEED_EXAMPLE));
    }

    @Test
    void binaryFormParses() {
        byte[] binary = concat(new byte[] {1, 7}, ascii("Thomson"), new byte[] {2, 6}, ascii("ST2030"),
                new byte[] {3, 3}, ascii("SIP"));
        assertEquals(Optional.of(ST2030_SIP), St20xxVendorClass.parse(binary));
    }

    @Test
    void lengthsMayVary() {
        // seed 2.4: "7 (may vary)", "6 (may vary)", "3 (may vary)"
        assertEquals(Optional.of(new St20xxVendorClass("Thomson Telecom", "ST2022", "MGCP")),
                St20xxVendorClass.parse(ascii("0115Thomson Telecom0206ST20220304MGCP")));
        assertEquals(Optional.of(new St20xxVendorClass("", "ST2022", "MGCP")),
                St20xxVendorClass.parse(ascii("01000206ST20220304MGCP")));
    }

    @Test
    void fieldOrderUnknownCodesAndRepeatsAreTolerated() {
        assertEquals(Optional.of(ST2030_SIP), St20xxVendorClass.parse(ascii("0303SIP0206ST20300107Thomson")));
        assertEquals(Optional.of(ST2030_SIP),
                St20xxVendorClass.parse(ascii("0107Thomson0402V10206ST20300303SIP0304MGCP")), "first of a repeat wins");
    }

    @Test
    void trailingNulPaddingIsIgnored() {
        assertEquals(Optional.of(ST2030_SIP), St20xxVendorClass.parse(concat(SEED_EXAMPLE, new byte[] {0, 0})));
    }

    @Test
    void notTheSt20xxForm() {
        assertEquals(Optional.empty(), St20xxVendorClass.parse(ascii("udhcp 1.36.1")));
        assertEquals(Optional.empty(), St20xxVendorClass.parse(ascii("MSFT 5.0")));
        assertEquals(Optional.empty(), St20xxVendorClass.parse(ascii("0107Thomson0206ST2030")), "no protocol");
        assertEquals(Optional.empty(), St20xxVendorClass.parse(ascii("0107Thomson0206ST20300309SIP")), "too short");
        assertEquals(Optional.empty(), St20xxVendorClass.parse(ascii("0107Thomson0206ST20300303SIPX")), "left over");
        assertEquals(Optional.empty(), St20xxVendorClass.parse(ascii("0107Thomson0206ST20300303SIP0")), "half header");
        assertEquals(Optional.empty(), St20xxVendorClass.parse(new byte[0]));
        assertEquals(Optional.empty(), St20xxVendorClass.parse(new byte[] {0, 0, 0}));
        assertEquals(Optional.empty(), St20xxVendorClass.parse(null));
    }

    @Test
    void bytesAbove0x7fAreNeitherSignExtendedNorFatal() {
        // a 200-byte unknown field: length byte 0xC8 must read as 200, not -56
        byte[] filler = new byte[200];
        java.util.Arrays.fill(filler, (byte) 0xE9);
        byte[] binary = concat(new byte[] {4, (byte) 0xC8}, filler, new byte[] {1, 7}, ascii("Thomson"),
                new byte[] {2, 6}, ascii("ST2030"), new byte[] {3, 3}, ascii("SIP"));
        assertEquals(Optional.of(ST2030_SIP), St20xxVendorClass.parse(binary));
        // a value byte of 0xE9 decodes to the one char U+00E9
        byte[] accented = concat(ascii("0107Thomso"), new byte[] {(byte) 0xE9}, ascii("0206ST20300303SIP"));
        assertEquals("Thomso\u00e9", St20xxVendorClass.parse(accented).orElseThrow().manufacturer());
        assertEquals(Optional.empty(), St20xxVendorClass.parse(new byte[] {(byte) 0x80, (byte) 0xFF, (byte) 0x90}));
    }

    @Test
    void randomGarbageNeverThrows() {
        Random r = new Random(60);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            if (i % 3 == 0 && b.length > 4) {
                // bias towards plausible headers so the deeper paths run too
                b[0] = '0';
                b[1] = (byte) ('0' + r.nextInt(4));
                b[2] = '0';
                b[3] = (byte) ('0' + r.nextInt(10));
            }
            assertNotNull(St20xxVendorClass.parse(b));
        }
        for (int cut = 0; cut < SEED_EXAMPLE.length; cut++) {
            assertTrue(St20xxVendorClass.parse(java.util.Arrays.copyOf(SEED_EXAMPLE, cut)).isEmpty(), "cut " + cut);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
