package org.phoneprov.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypted configuration files, {@code .ser} (APS seed 6): AES-128-CBC with the
 * 16-character key the phone knows ({@code Decryption_Key}). The seed names the cipher
 * but not the byte layout; ours is the usual one, so {@code openssl} reads it too:
 * <pre>
 *   file = IV (16 random bytes) || AES-128-CBC(key, IV, PKCS#7-padded plain text)
 *   key  = the 16 characters as bytes (US-ASCII)
 *   openssl enc -d -aes-128-cbc -K $(printf %s KEY | xxd -p) -iv $(head -c16 f.ser | xxd -p) \
 *           -in <(tail -c +17 f.ser)
 * </pre>
 */
public final class SerCipher {
    public static final String EXTENSION = ".ser";
    private static final int BLOCK = 16;
    private final SecretKeySpec key;

    private SerCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A cipher for a key as the admin writes it: exactly 16 printable ASCII characters. */
    public static SerCipher forKey(String text) {
        if (text == null || text.length() != BLOCK || !text.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("a .ser key is exactly 16 printable ASCII characters (no spaces), found "
                    + (text == null ? "none" : text.length() + " characters"));
        }
        return new SerCipher(text.getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] encrypt(byte[] plain, SecureRandom random) {
        byte[] iv = new byte[BLOCK];
        random.nextBytes(iv);
        return encrypt(plain, iv);
    }

    /** With a chosen IV: for tests and for content-derived, reproducible files. */
    public byte[] encrypt(byte[] plain, byte[] iv) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            byte[] body = c.doFinal(plain);
            byte[] out = Arrays.copyOf(iv, BLOCK + body.length);
            System.arraycopy(body, 0, out, BLOCK, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is not available in this JVM", e);
        }
    }

    /** The plain text, or an exception that says why not (too short, not whole blocks, wrong key). */
    public byte[] decrypt(byte[] ser) throws BadSerFileException {
        if (ser.length < 2 * BLOCK || ser.length % BLOCK != 0) {
            throw new BadSerFileException("not a .ser file: " + ser.length + " bytes is not an IV and whole AES blocks");
        }
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ser, 0, BLOCK));
            return c.doFinal(ser, BLOCK, ser.length - BLOCK);
        } catch (javax.crypto.BadPaddingException e) {
            throw new BadSerFileException("cannot decrypt: wrong key, or not a .ser file");
        } catch (GeneralSecurityException e) {
            throw new BadSerFileException("cannot decrypt: " + e.getMessage());
        }
    }

    /** A {@code .ser} that cannot be read with this key. */
    public static final class BadSerFileException extends Exception {
        public BadSerFileException(String message) {
            super(message);
        }
    }
}
