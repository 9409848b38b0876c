package org.phoneprov.common.dhcp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MessageTypeTest {

    @Test
    void knownMessageTypesAreTheConstants() {
        MessageType[] all = {MessageType.DISCOVER, MessageType.OFFER, MessageType.REQUEST, MessageType.DECLINE,
            MessageType.ACK, MessageType.NAK, MessageType.RELEASE, MessageType.INFORM};
        for (int i = 0; i < all.length; i++) {
            assertSame(all[i], MessageType.valueOf(i + 1));
            assertEquals(i + 1, all[i].code());
            assertTrue(all[i].isKnown());
        }
        assertEquals("DISCOVER", MessageType.DISCOVER.toString());
        assertEquals("INFORM", MessageType.INFORM.toString());
    }

    @Test
    void unknownMessageTypesPass() {
        MessageType t = MessageType.valueOf(13);
        assertEquals(13, t.code());
        assertFalse(t.isKnown());
        assertEquals("UNKNOWN(13)", t.toString());
        assertEquals(t, MessageType.valueOf(13));
        assertEquals(t.hashCode(), MessageType.valueOf(13).hashCode());
        assertNotEquals(t, MessageType.valueOf(14));
        assertEquals(0, MessageType.valueOf(0).code());
        assertEquals(255, MessageType.valueOf(255).code());
    }

    @Test
    void messageTypeOutsideAByteIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> MessageType.valueOf(-1));
        assertThrows(IllegalArgumentException.class, () -> MessageType.valueOf(256));
    }
}
