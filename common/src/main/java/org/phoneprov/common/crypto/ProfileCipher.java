package org.phoneprov.common.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypted Gigaset profiles (Gigaset seed, "Security aspects": "The Profile is encrypted with
 * AES 128 using a Provider specific encryption key"). The seed names the cipher and nothing else,
 * and Gigaset's own tool ({@code gigaset_profile_gen}) is closed (docs/vendor-formats.md section 4),
 * so the layout is ours, chosen so that a standard tool reads it:
 * <pre>
 *   file = IV (16 bytes) || AES-128-CBC(key, IV, PKCS#7-padded profile)
 *   IV   = the first 16 bytes of HMAC-SHA256(key, profile)
 *
 *   KEY=00112233445566778899aabbccddeeff     # the provider's profile_key
 *   tail -c +17 P.xml | openssl enc -d -aes-128-cbc -K $KEY -iv $(head -c 16 P.xml | od -An -tx1 | tr -d ' \n')
 * </pre>
 * The IV is derived from the content (a synthetic IV), not fixed as in the ST20xx {@code .ser}
 * format: every profile starts with the same XML prolog, and with one IV for all of them two
 * profiles' first blocks would be equal. Derived, the same profile always encrypts to the same
 * bytes, so its ETag and Last-Modified stay put until its content changes, and two different
 * profiles share no IV.
 */
public final class ProfileCipher implements FileCipher {
    public static final int KEY_BYTES = 16;
    private static final int BLOCK = 16;
    private final SecretKeySpec key;
    private final SecretKeySpec ivKey;

    private ProfileCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.ivKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * A cipher for a key as the admin writes it: 32 hex digits (128 bits). The message of a bad
     * key says what is wrong and where, never any part of the key.
     */
    public static ProfileCipher forHexKey(String text) {
        String rule = "a profile key is 32 hex digits (16 bytes, AES-128), found ";
        if (text == null || text.length() != 2 * KEY_BYTES) {
            int n = text == null ? 0 : text.length();
            throw new IllegalArgumentException(rule + n + (n == 1 ? " character" : " characters"));
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new IllegalArgumentException(rule + "a character that is not a hex digit at position " + (i + 1));
            }
        }
        return new ProfileCipher(HexFormat.of().parseHex(text));
    }

    @Override
    public byte[] encrypt(byte[] plain) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(ivKey);
            byte[] iv = Arrays.copyOf(mac.doFinal(plain), BLOCK);
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            byte[] body = c.doFinal(plain);
            byte[] out = Arrays.copyOf(iv, BLOCK + body.length);
            System.arraycopy(body, 0, out, BLOCK, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC and HmacSHA256 are part of every JDK", e);
        }
    }

    /**
     * The profile, or an exception that says why not. The IV is checked against the content, so
     * a file that decrypts with the wrong key by chance (valid padding) is still refused.
     */
    public byte[] decrypt(byte[] file) throws BadFileException {
        if (file.length < 2 * BLOCK || file.length % BLOCK != 0) {
            throw new BadFileException("not an encrypted profile: " + file.length + " bytes is not an IV and whole "
                    + "AES blocks");
        }
        byte[] iv = Arrays.copyOf(file, BLOCK);
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
            plain = c.doFinal(file, BLOCK, file.length - BLOCK);
        } catch (javax.crypto.BadPaddingException e) {
            throw new BadFileException("cannot decrypt: wrong key, or not an encrypted profile");
        } catch (GeneralSecurityException e) {
            throw new BadFileException("cannot decrypt: " + e.getMessage());
        }
        if (!MessageDigest.isEqual(iv, Arrays.copyOf(encrypt(plain), BLOCK))) {
            throw new BadFileException("cannot decrypt: wrong key, or not an encrypted profile");
        }
        return plain;
    }

    /** A file that cannot be read with this key. */
    public static final class BadFileException extends Exception {
        public BadFileException(String message) {
            super(message);
        }
    }
}
