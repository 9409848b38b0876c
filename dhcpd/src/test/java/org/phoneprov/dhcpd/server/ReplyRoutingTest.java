package org.phoneprov.dhcpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplyRoutingTest {
    @Test
    void rfc2131SectionFourOneDestinations() {
        assertEquals(new ReplyRouting.Destination(0x0A580001, 67), ReplyRouting.of(0x0A580001, 0x0A580064, false),
                "relayed: to the relay's server port");
        assertEquals(new ReplyRouting.Destination(0x0A4D0005, 68), ReplyRouting.of(0, 0x0A4D0005, false));
        assertEquals(new ReplyRouting.Destination(ReplyRouting.BROADCAST, 68), ReplyRouting.of(0, 0x0A4D0005, true),
                "a NAK to a client on the LAN is broadcast");
        assertEquals(new ReplyRouting.Destination(ReplyRouting.BROADCAST, 68), ReplyRouting.of(0, 0, false));
    }

    @Test
    void rfc8357RelaySourcePortSubOption() {
        assertTrue(ReplyRouting.wantsSourcePort(new byte[] {19, 0}));
        assertTrue(ReplyRouting.wantsSourcePort(new byte[] {1, 3, 'e', 't', 'h', 19, 0}), "after a circuit id");
        assertFalse(ReplyRouting.wantsSourcePort(new byte[] {1, 3, 'e', 't', 'h'}));
        assertFalse(ReplyRouting.wantsSourcePort(new byte[] {1, 9, 'e', 19, 0}), "a sub-option overrunning the option");
        assertFalse(ReplyRouting.wantsSourcePort(new byte[0]));
        assertFalse(ReplyRouting.wantsSourcePort(new byte[] {19}));
    }
}
