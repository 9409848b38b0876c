package org.phoneprov.phonesim.gigaset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.crypto.ProfileCipher;
import org.phoneprov.common.provision.Model;

/** An encrypted profile opens with its provider's key only; a plain one needs none. */
class ProfileBytesTest {
    static final String KEY = "00112233445566778899aabbccddeeff";
    static final String OTHER = "ffeeddccbbaa99887766554433221100";
    final byte[] plain = Profiles.render(Model.N510, Profiles.ALICE);
    final byte[] encrypted = ProfileCipher.forHexKey(KEY).encrypt(plain);

    @Test
    void theProvidersKeyOpensItsProfile() {
        ProfileBytes.Plain p = assertInstanceOf(ProfileBytes.Plain.class, ProfileBytes.open(encrypted, Optional.of(KEY)));
        assertArrayEquals(plain, p.xml());
        assertTrue(p.encrypted());
    }

    @Test
    void aPlainProfileNeedsNoKeyEvenOnAPhoneThatHasOne() {
        ProfileBytes.Plain p = assertInstanceOf(ProfileBytes.Plain.class, ProfileBytes.open(plain, Optional.of(KEY)));
        assertFalse(p.encrypted());
        assertInstanceOf(ProfileBytes.Plain.class, ProfileBytes.open(plain, Optional.empty()));
    }

    @Test
    void withoutTheKeyOrWithAnotherItStaysShut() {
        String none = ((ProfileBytes.Unopened) ProfileBytes.open(encrypted, Optional.empty())).why();
        assertTrue(none.contains("no provider key"), none);
        String other = ((ProfileBytes.Unopened) ProfileBytes.open(encrypted, Optional.of(OTHER))).why();
        assertTrue(other.contains("does not open"), other);
        String bad = ((ProfileBytes.Unopened) ProfileBytes.open(encrypted, Optional.of("xyz"))).why();
        assertTrue(bad.contains("unusable") && !bad.contains("xyz"), "the key is never shown: " + bad);
    }

    @Test
    void xmlIsToldByItsFirstMarkupAfterABomAndBlanks() {
        assertTrue(ProfileBytes.looksLikeXml(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n', ' ', '<'}));
        assertFalse(ProfileBytes.looksLikeXml(new byte[] {' ', '\n'}));
        assertFalse(ProfileBytes.looksLikeXml(new byte[0]));
    }

    /**
     * An IV is random bytes: one profile in 256 encrypts to a file that starts with '<'. Found as a
     * flaky GigasetPhonesTest (the suite's port, and so the profile and its IV, differ per run).
     */
    @Test
    void anEncryptedProfileWhoseIvStartsWithALessThanSignStillOpens() {
        ProfileCipher cipher = ProfileCipher.forHexKey(KEY);
        byte[] found = null;
        for (int i = 0; i < 100_000 && found == null; i++) {
            byte[] candidate = Profiles.render(Model.N510, Profiles.ALICE);
            candidate = java.util.Arrays.copyOf(candidate, candidate.length + 1 + Integer.toString(i).length());
            byte[] tail = ("\n" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(tail, 0, candidate, candidate.length - tail.length, tail.length);
            byte[] enc = cipher.encrypt(candidate);
            if (ProfileBytes.looksLikeXml(enc)) {
                found = candidate;
            }
        }
        assertTrue(found != null, "some profile's IV starts with '<'");
        ProfileBytes.Plain p = assertInstanceOf(ProfileBytes.Plain.class,
                ProfileBytes.open(cipher.encrypt(found), Optional.of(KEY)));
        assertArrayEquals(found, p.xml());
        assertTrue(p.encrypted());
    }
}
