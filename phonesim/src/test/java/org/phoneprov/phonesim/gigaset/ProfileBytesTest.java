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
}
