package org.phoneprov.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The encrypted profile's layout: IV, then AES-128-CBC/PKCS#7, as openssl reads it. */
class ProfileCipherTest {
    static final String KEY = "00112233445566778899aabbccddeeff";
    static final byte[] PROFILE = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<ProviderFrame/>\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void theFileIsTheIvThenStandardCbcOfTheProfile() throws Exception {
        byte[] file = ProfileCipher.forHexKey(KEY).encrypt(PROFILE);
        assertEquals(16 + (PROFILE.length / 16 + 1) * 16, file.length, "IV + PKCS#7-padded blocks");
        // What `openssl enc -d -aes-128-cbc -K KEY -iv <first 16 bytes>` does with the rest.
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(KEY), "AES"),
                new IvParameterSpec(Arrays.copyOf(file, 16)));
        assertArrayEquals(PROFILE, c.doFinal(file, 16, file.length - 16));
    }

    @Test
    void theSameProfileGivesTheSameBytesAndAnotherOneAnotherIv() throws Exception {
        ProfileCipher p = ProfileCipher.forHexKey(KEY);
        assertArrayEquals(p.encrypt(PROFILE), p.encrypt(PROFILE), "deterministic: the ETag stays put");
        byte[] other = PROFILE.clone();
        other[other.length - 2] = 'X';
        assertFalse(Arrays.equals(Arrays.copyOf(p.encrypt(PROFILE), 16), Arrays.copyOf(p.encrypt(other), 16)),
                "the IV follows the content");
        assertArrayEquals(PROFILE, p.decrypt(p.encrypt(PROFILE)));
    }

    @Test
    void aWrongKeyOrAForeignFileIsRefused() {
        byte[] file = ProfileCipher.forHexKey(KEY).encrypt(PROFILE);
        ProfileCipher wrong = ProfileCipher.forHexKey("ffeeddccbbaa99887766554433221100");
        assertThrows(ProfileCipher.BadFileException.class, () -> wrong.decrypt(file));
        assertThrows(ProfileCipher.BadFileException.class, () -> wrong.decrypt(new byte[17]));
        byte[] tampered = file.clone();
        tampered[3] ^= 1;
        assertThrows(ProfileCipher.BadFileException.class, () -> ProfileCipher.forHexKey(KEY).decrypt(tampered));
    }

    @Test
    void aBadKeySaysWhereNeverWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProfileCipher.forHexKey("00112233445566778899aabbccddeefg"));
        assertTrue(e.getMessage().contains("position 32"), e.getMessage());
        assertFalse(e.getMessage().contains("0011"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProfileCipher.forHexKey("abc")).getMessage()
                .contains("found 3 characters"));
    }
}
