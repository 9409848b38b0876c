package org.phoneprov.phonesim.gigaset;

import java.util.Optional;
import org.phoneprov.common.crypto.ProfileCipher;

/**
 * What a Gigaset makes of the bytes it fetched: a plain profile is XML; anything else is an
 * encrypted one (Gigaset seed, "Security aspects": "The Profile is encrypted with AES 128 using a
 * Provider specific encryption key"), which only a phone with its provider's key opens
 * ({@link ProfileCipher}: IV || AES-128-CBC, the suite's layout, docs/vendor-formats.md 4). A
 * phone with a key still takes a plain profile, as the plain {@code <MAC>.xml} of Wazo's
 * templates is taken. Plain Java.
 */
final class ProfileBytes {
    private ProfileBytes() {
    }

    sealed interface Opened permits Plain, Unopened {
    }

    /** @param encrypted whether it had to be decrypted */
    record Plain(byte[] xml, boolean encrypted) implements Opened {
    }

    record Unopened(String why) implements Opened {
    }

    static Opened open(byte[] body, Optional<String> profileKey) {
        if (profileKey.isEmpty()) {
            return looksLikeXml(body) ? new Plain(body, false) : new Unopened("an encrypted profile (" + body.length
                    + " bytes, not XML), and this phone has no provider key");
        }
        ProfileCipher cipher;
        try {
            cipher = ProfileCipher.forHexKey(profileKey.get());
        } catch (IllegalArgumentException e) {
            return new Unopened("this phone's provider key is unusable: " + e.getMessage());
        }
        // With a key, decryption first: an encrypted profile starts with its IV, random bytes that are
        // '<' one time in 256, so "looks like XML" cannot tell the two apart; the cipher can (it
        // checks the IV against the content it decrypts).
        try {
            return new Plain(cipher.decrypt(body), true);
        } catch (ProfileCipher.BadFileException e) {
            if (looksLikeXml(body)) {
                return new Plain(body, false);
            }
            return new Unopened("an encrypted profile this phone's provider key does not open (" + e.getMessage()
                    + "): another provider's profile, or the key changed");
        }
    }

    /** '<' first, after an optional UTF-8 byte order mark and white space. */
    static boolean looksLikeXml(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i < b.length && b[i] == '<';
    }
}
