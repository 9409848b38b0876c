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
    void roundTripsAnyLengthAndSizesLikeTheSeedsExample() throws Exception {
        SecureRandom r = new SecureRandom();
        for (int n : new int[] {0, 1, 15, 16, 17, 4096, 16114}) {
            byte[] plain = new byte[n];
            r.nextBytes(plain);
            byte[] ser = SEED_KEY.encrypt(plain);
            assertEquals((n / 16 + 1) * 16, ser.length, "PKCS#7-padded blocks and nothing else");
            assertArrayEquals(plain, SEED_KEY.decrypt(ser));
        }
        // Seed 6: ComConf...test.txt 16114 bytes -> ComConf...test.ser 16128 bytes.
        assertEquals(16128, SEED_KEY.encrypt(new byte[16114]).length);
        assertEquals(16, SerCipher.DEFAULT_KEY.length());
        SerCipher.forKey(SerCipher.DEFAULT_KEY);
    }

    @Test
    void isPlainAesCbcWithAZeroIv() throws Exception {
        byte[] plain = "[sys]\nconfig_sn=1\n".getBytes(StandardCharsets.US_ASCII);
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(
                "1234567890123456".getBytes(StandardCharsets.US_ASCII), "AES"),
                new javax.crypto.spec.IvParameterSpec(new byte[16]));
        assertArrayEquals(c.doFinal(plain), SEED_KEY.encrypt(plain));
        // And AES-CBC itself against NIST SP 800-38A F.2.1 (first block), so the JCE is what we think.
        javax.crypto.Cipher n = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        n.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(
                HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c"), "AES"),
                new javax.crypto.spec.IvParameterSpec(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f")));
        assertEquals("7649abac8119b246cee98e9b12e9197d", HexFormat.of().formatHex(
                n.doFinal(HexFormat.of().parseHex("6bc1bee22e409f96e93d7e117393172a"))));
    }

    @Test
    void badKeysAndBadFilesSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SerCipher.forKey("short")).getMessage()
                .contains("exactly 16"));
        assertThrows(IllegalArgumentException.class, () -> SerCipher.forKey("1234567890 23456"));
        assertThrows(IllegalArgumentException.class, () -> SerCipher.forKey("12345678901234567"));
        assertTrue(assertThrows(SerCipher.BadSerFileException.class, () -> SEED_KEY.decrypt(new byte[20]))
                .getMessage().contains("not a .ser file"));
        assertThrows(SerCipher.BadSerFileException.class, () -> SEED_KEY.decrypt(new byte[0]));
        SerCipher other = SerCipher.forKey("6543210987654321");
        int wrongKeyNoticed = 0;
        for (int i = 0; i < 50; i++) {
            try {
                other.decrypt(SEED_KEY.encrypt(("secret " + i).getBytes(StandardCharsets.US_ASCII)));
            } catch (SerCipher.BadSerFileException e) {
                wrongKeyNoticed++;
            }
        }
        // PKCS#7 catches a wrong key with probability ~255/256 per file; the vendor format
        // has no checksum to catch every one.
        assertTrue(wrongKeyNoticed >= 45, "a wrong key is almost always noticed: " + wrongKeyNoticed);
    }
}
