package org.phoneprov.common.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacTest {
    @ParameterizedTest
    @ValueSource(strings = {"00:14:7F:E1:47:B3", "00-14-7f-e1-47-b3", "00147FE147B3", "00147fe147b3",
            "0014.7fe1.47b3", " 00:14:7f:E1:47:b3 "})
    void everyUsualNotationParsesToTheSameMac(String text) {
        Mac m = Mac.parse(text).orElseThrow();
        assertEquals("00147FE147B3", m.hex());
        assertEquals("00:14:7F:E1:47:B3", m.colon());
        assertEquals(0x00147F, m.oui());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00:14:7F:E1:47", "00:14:7F:E1:47:B3:00", "00147FE147BZ", "00:14-7F:E1:47:B3",
            "0014.7fe1-47b3", "g0147FE147B3", "00 14 7F E1 47 B3"})
    void malformedMacsAreRefused(String text) {
        assertTrue(Mac.parse(text).isEmpty(), text);
    }

    @org.junit.jupiter.api.Test
    void bytesRoundTrip() {
        Mac m = Mac.parse("FF:14:7F:E1:47:B3").orElseThrow();
        assertEquals(m, Mac.of(m.bytes()));
    }
}
