package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CodePointsTest {

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

    @Test
    void optionNames() {
        assertEquals("SUBNET_MASK", OptionCodes.name(OptionCodes.SUBNET_MASK));
        assertEquals("TFTP_SERVERS_150", OptionCodes.name(150));
        assertEquals("VENDOR_CLASS", OptionCodes.name(60));
        assertEquals("END", OptionCodes.name(255));
        assertEquals("OPTION_191", OptionCodes.name(191));
    }

    @Test
    void dropCountersCountPerReason() {
        DropCounters c = new DropCounters();
        assertEquals(0, c.total());
        c.increment(Malformation.TOO_SHORT);
        c.increment(Malformation.TOO_SHORT);
        c.increment(Malformation.NO_END);
        assertEquals(2, c.count(Malformation.TOO_SHORT));
        assertEquals(1, c.count(Malformation.NO_END));
        assertEquals(0, c.count(Malformation.BAD_HLEN));
        assertEquals(3, c.total());
        assertTrue(c.toString().contains("TOO_SHORT=2"));
    }

    @Test
    void parseExceptionIsACorruptFrameWithAReason() {
        DhcpParseException e = new DhcpParseException(Malformation.BAD_HLEN, "htype 1 hlen 7");
        assertInstanceOf(io.netty.handler.codec.CorruptedFrameException.class, e);
        assertEquals(Malformation.BAD_HLEN, e.reason());
        assertEquals("BAD_HLEN: htype 1 hlen 7", e.getMessage());
        assertEquals("htype 1 hlen 7", e.detail());
    }
}
