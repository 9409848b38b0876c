package org.phoneprov.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SerCipherTest {
    static final SerCipher SEED_KEY = SerCipher.forKey("1234567890123456"); // the key of the seed's example (section 6)

    @Test
    void roundTripsAnyLengthWithARandomIv() throws Exception {
        SecureRandom r = new SecureRandom();
        for (int n : new int[] {0, 1, 15, 16, 17, 4096, 16128}) {
            byte[] plain = new byte[n];
            r.nextBytes(plain);
            byte[] ser = SEED_KEY.encrypt(plain, r);
            assertEquals(16 + (n / 16 + 1) * 16, ser.length, "IV + PKCS#7-padded blocks");
            assertArrayEquals(plain, SEED_KEY.decrypt(ser));
        }
    }

    @Test
    void matchesAnIndependentAesCbcVector() throws Exception {
        // NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt), first block: key 2b7e...3c, IV 0001..0f.
        byte[] key = HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        String printable = new String(key, StandardCharsets.ISO_8859_1);
        // That key is not printable ASCII, so check the AES core through the JCE directly.
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.IvParameterSpec(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f")));
        assertEquals("7649abac8119b246cee98e9b12e9197d", HexFormat.of().formatHex(
                c.doFinal(HexFormat.of().parseHex("6bc1bee22e409f96e93d7e117393172a"))));
        assertEquals(16, printable.length());
        // And our layout: IV first, then the CBC body.
        byte[] iv = new byte[16];
        byte[] ser = SEED_KEY.encrypt("[sys]\nconfig_sn=1\n".getBytes(StandardCharsets.US_ASCII), iv);
        assertArrayEquals(iv, java.util.Arrays.copyOf(ser, 16));
    }

    @Test
    void badKeysAndBadFilesSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SerCipher.forKey("short")).getMessage()
                .contains("exactly 16"));
        assertThrows(IllegalArgumentException.class, () -> SerCipher.forKey("1234567890 23456"));
        assertThrows(IllegalArgumentException.class, () -> SerCipher.forKey("12345678901234567"));
        assertTrue(assertThrows(SerCipher.BadSerFileException.class, () -> SEED_KEY.decrypt(new byte[20]))
                .getMessage().contains("not a .ser file"));
        byte[] ser = SEED_KEY.encrypt("secret".getBytes(StandardCharsets.US_ASCII), new SecureRandom());
        SerCipher other = SerCipher.forKey("6543210987654321");
        int wrongKeyNoticed = 0;
        for (int i = 0; i < 50; i++) {
            byte[] s = SEED_KEY.encrypt(("secret " + i).getBytes(StandardCharsets.US_ASCII), new SecureRandom());
            try {
                other.decrypt(s);
            } catch (SerCipher.BadSerFileException e) {
                wrongKeyNoticed++;
            }
        }
        // PKCS#7 catches a wrong key with probability ~255/256 per file; a checksum would be
        // needed to catch every one, which the vendor format does not have.
        assertTrue(wrongKeyNoticed >= 45, "a wrong key is almost always noticed: " + wrongKeyNoticed);
        assertEquals(32, ser.length);
    }
}
