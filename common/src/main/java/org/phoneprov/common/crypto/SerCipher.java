package org.phoneprov.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypted configuration files, {@code .ser} (APS seed 6): AES-128-CBC with the
 * 16-character key the phone knows ({@code Decryption_Key}, default
 * {@code Th0mson2$8s8@9z!}). The seed names the cipher, not the byte layout; its own
 * listing shows it: a 16,114-byte config became a 16,128-byte {@code .ser}, i.e. the
 * PKCS#7-padded plain text and nothing else, so no IV travels in the file. The IV is
 * therefore fixed, and we use all zeros:
 * <pre>
 *   file = AES-128-CBC(key = the 16 characters as US-ASCII bytes, IV = 16 zero bytes,
 *                      PKCS#7-padded plain text)
 *   openssl enc -d -aes-128-cbc -K $(printf %s "$KEY" | xxd -p) -iv 00000000000000000000000000000000 -in f.ser
 * </pre>
 * A fixed IV shows when two files start with the same 16 bytes; the format is the
 * phone's, so that is the phone's limit (HTTPS and per-device access protect the rest).
 */
public final class SerCipher implements FileCipher {
    public static final String EXTENSION = ".ser";
    private static final int BLOCK = 16;
    private static final byte[] ZERO_IV = new byte[BLOCK];
    /** The phone's key until a config gives it another (seed 6, "Decryption_Key=... (Default)"). */
    public static final String DEFAULT_KEY = "Th0mson2$8s8@9z!";
    private final SecretKeySpec key;

    private SerCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A cipher for a key as the admin writes it: exactly 16 printable ASCII characters. */
    public static SerCipher forKey(String text) {
        String rule = "a .ser key is exactly 16 printable ASCII characters (no spaces), found ";
        if (text == null || text.length() != BLOCK) {
            String found = text == null ? "none" : text.length() + (text.length() == 1 ? " character" : " characters");
            throw new IllegalArgumentException(rule + found);
        }
        for (int i = 0; i < BLOCK; i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                // Where, not what: the message must not leak any part of the key.
                throw new IllegalArgumentException(rule + (c == ' ' ? "a space" : "a character that is not printable "
                        + "ASCII") + " at position " + (i + 1));
            }
        }
        return new SerCipher(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public byte[] encrypt(byte[] plain) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ZERO_IV));
            return c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is not available in this JVM", e);
        }
    }

    /** The plain text, or an exception that says why not (too short, not whole blocks, wrong key). */
    public byte[] decrypt(byte[] ser) throws BadSerFileException {
        if (ser.length == 0 || ser.length % BLOCK != 0) {
            throw new BadSerFileException("not a .ser file: " + ser.length + " bytes is not whole AES blocks");
        }
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ZERO_IV));
            return c.doFinal(ser);
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
