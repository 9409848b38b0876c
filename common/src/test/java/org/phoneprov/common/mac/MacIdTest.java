package org.phoneprov.common.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"7C2F80123456-1A2B", "7c2f80123456-1a2b", " 7C2F80123456-1a2B\t"})
    void aMacIdWithItsCheckPartParsesInAnyCase(String text) {
        MacId id = MacId.parse(text).orElseThrow();
        assertEquals("7C2F80123456", id.mac().hex());
        assertEquals(Optional.of("1A2B"), id.check());
        assertEquals("7C2F80123456-1A2B", id.text());
        assertEquals("7C2F80123456-1A2B", id.toString());
    }

    @Test
    void theCheckPartNeedNotBeHex() {
        // falconieri methods/providerDispatch.go accepts the CRC as ^[A-Z0-9]{4}$
        assertEquals(Optional.of("XYZ9"), MacId.parse("7C2F80123456-XYZ9").orElseThrow().check());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7C:2F:80:12:34:56", "7c-2f-80-12-34-56", "7C2F80123456", "7c2f.8012.3456"})
    void aBareMacInAnyNotationIsAMacIdWithoutCheckPart(String text) {
        MacId id = MacId.parse(text).orElseThrow();
        assertEquals("7C2F80123456", id.mac().hex());
        assertTrue(id.check().isEmpty());
        assertEquals("7C2F80123456", id.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "7C2F80123456-", "7C2F80123456-1A2", "7C2F80123456-1A2B3",
            "7C2F80123456-1A-B", "7C2F80123456-1A2!", "7C2F80123456_1A2B", "7C2F8012345G-1A2B",
            "7C2F8012345-1A2BC", "7C2F80123456 1A2B", "7C2F80123456-1A2Ä", "７C2F80123456",
            "7C2F80123456-１A2B", "7C:2F:80:12:34:56-1A2B", "mac_not_found:7C2F80123456"})
    void malformedMacIdsAreRefused(String text) {
        assertTrue(MacId.parse(text).isEmpty(), text);
    }

    @Test
    void nullIsNotAMacId() {
        assertTrue(MacId.parse(null).isEmpty());
    }

    @Test
    void checkPartsAgreeWhenEqualOrWhenOneIsMissing() {
        MacId a = MacId.parse("7C2F80123456-1A2B").orElseThrow();
        MacId lower = MacId.parse("7c2f80123456-1a2b").orElseThrow();
        MacId bare = MacId.parse("7C:2F:80:12:34:56").orElseThrow();
        MacId other = MacId.parse("7C2F80123456-9999").orElseThrow();
        MacId otherMac = MacId.parse("7C2F80123457-1A2B").orElseThrow();
        assertTrue(a.agreesWith(lower));
        assertTrue(a.agreesWith(bare));
        assertTrue(bare.agreesWith(a));
        assertTrue(bare.agreesWith(bare));
        assertFalse(a.agreesWith(other));
        assertFalse(other.agreesWith(a));
        assertFalse(a.agreesWith(otherMac));
    }

    @Test
    void equalityIsMacAndCheckPart() {
        assertEquals(MacId.parse("7C2F80123456-1A2B"), MacId.parse("7c2f80123456-1a2b"));
        assertEquals(MacId.parse("7C2F80123456-1A2B").orElseThrow().hashCode(),
                MacId.parse("7c2f80123456-1a2b").orElseThrow().hashCode());
        assertNotEquals(MacId.parse("7C2F80123456-1A2B"), MacId.parse("7C2F80123456"));
        assertEquals(MacId.of(Mac.of(0x7C2F80123456L)), MacId.parse("7C2F80123456").orElseThrow());
        assertEquals(MacId.of(Mac.of(0x7C2F80123456L), "1a2b"), MacId.parse("7C2F80123456-1A2B").orElseThrow());
    }

    @Test
    void ofRefusesAMalformedCheckPart() {
        Mac mac = Mac.of(0x7C2F80123456L);
        assertThrows(IllegalArgumentException.class, () -> MacId.of(mac, "12345"));
        assertThrows(IllegalArgumentException.class, () -> MacId.of(mac, "12-4"));
        assertThrows(IllegalArgumentException.class, () -> MacId.of(mac, null));
    }
}
