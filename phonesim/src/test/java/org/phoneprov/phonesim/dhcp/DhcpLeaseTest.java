package org.phoneprov.phonesim.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.phonesim.phone.Vlan;

/** Seed 4.4.3: "valid when all three parameters are provided and the three have a valid value". */
class DhcpLeaseTest {
    static DhcpLease lease(Integer flag, Integer voice, Integer data) {
        return new DhcpLease(FakeDhcpServer.PHONE, FakeDhcpServer.SERVER, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.ofNullable(flag), Optional.ofNullable(voice),
                Optional.ofNullable(data));
    }

    @Test
    void allThreeValid() {
        assertEquals(Optional.of(new Vlan(1, 100, 200)), lease(1, 100, 200).vlan());
        assertEquals(Optional.of(new Vlan(0, 0, 0)), lease(0, 0, 0).vlan(), "a valid 'no VLAN'");
    }

    @Test
    void missingOrInvalidIsNoVlan() {
        assertEquals(Optional.empty(), lease(1, 100, null).vlan());
        assertEquals(Optional.empty(), lease(null, 100, 200).vlan());
        assertEquals(Optional.empty(), lease(2, 100, 200).vlan());
        assertEquals(Optional.empty(), lease(1, 4095, 200).vlan());
        assertEquals(Optional.empty(), lease(1, 0, 200).vlan(), "tagging on, but no voice VLAN");
    }

    @Test
    void fromAnAck() {
        DhcpReply ack = DhcpReplyParserTest.ok(new ReplyBuilder(MessageType.ACK, 1, DhcpMessagesTest.MAC)
                .yiaddr(FakeDhcpServer.PHONE).build());
        DhcpLease l = DhcpLease.of(ack, FakeDhcpServer.SERVER);
        assertEquals(FakeDhcpServer.SERVER, l.serverId(), "no option 54: the server requested from");
        assertEquals(Optional.empty(), l.nextServer(), "siaddr 0.0.0.0 is no next server");
    }
}
