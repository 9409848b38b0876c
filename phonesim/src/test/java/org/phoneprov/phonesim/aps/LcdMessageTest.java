package org.phoneprov.phonesim.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LcdMessageTest {
    @Test
    void textsAreTheSeeds() {
        assertEquals("Server Unreachable", LcdMessage.SERVER_UNREACHABLE.text());
        assertEquals("Gen File Not Found", LcdMessage.GEN_FILE_NOT_FOUND.text());
        assertEquals("Firmware Not Found", LcdMessage.FIRMWARE_NOT_FOUND.text());
        assertEquals("Melody Cfg Not Found", LcdMessage.MELODY_NOT_FOUND.text());
        assertEquals("Com Config Not Found", LcdMessage.COM_CONFIG_NOT_FOUND.text());
        assertEquals("Tel Config Not Found", LcdMessage.TEL_CONFIG_NOT_FOUND.text());
        assertEquals("Deck File Not Found", LcdMessage.DECK_NOT_FOUND.text());
        assertEquals("Corrupted Config", LcdMessage.CORRUPTED_CONFIG.text());
        assertEquals("Corrupted Melody file", LcdMessage.CORRUPTED_MELODY.text());
        assertEquals("Provision Error!", LcdMessage.PROVISION_ERROR.text());
    }

    @Test
    void onlyUnreachableAndGenFileAreRetried() {
        assertTrue(LcdMessage.SERVER_UNREACHABLE.retried());
        assertTrue(LcdMessage.GEN_FILE_NOT_FOUND.retried());
        assertEquals(2, Arrays.stream(LcdMessage.values()).filter(LcdMessage::retried).count());
        assertFalse(LcdMessage.CORRUPTED_CONFIG.retried());
    }

    @Test
    void everyMessageFitsAnLcdLine() {
        for (LcdMessage m : LcdMessage.values()) {
            assertTrue(m.text().length() <= 21, m.text());
        }
    }
}
