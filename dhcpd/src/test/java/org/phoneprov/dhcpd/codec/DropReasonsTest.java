package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DropReasonsTest {

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
        assertInstanceOf(org.phoneprov.common.codec.PacketParseException.class, e);
        assertEquals(Malformation.BAD_HLEN, e.reason());
        assertEquals("BAD_HLEN: htype 1 hlen 7", e.getMessage());
        assertEquals("htype 1 hlen 7", e.detail());
    }
}
