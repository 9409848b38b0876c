package org.phoneprov.phonesim.dhcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.phone.PhoneIdentity;

class DhcpMessagesTest {
    static final Mac MAC = Mac.parse("00:14:7F:77:00:01").orElseThrow();
    static final PhoneIdentity S30 = new PhoneIdentity(MAC, Model.ST2030S);

    @Test
    void discoverHasTheFixedFieldsOfRfc2131() {
        byte[] d = DhcpMessages.discover(S30, 0x12345678, false);
        assertTrue(d.length >= 300, "at least a BOOTP packet's 300 bytes");
        assertEquals(255, d[lastNonPad(d)] & 0xFF, "ends with option 255");
        assertEquals(1, d[0], "op BOOTREQUEST");
        assertEquals(1, d[1], "htype Ethernet");
        assertEquals(6, d[2], "hlen");
        assertArrayEquals(new byte[] {0x12, 0x34, 0x56, 0x78}, java.util.Arrays.copyOfRange(d, 4, 8));
        assertArrayEquals(new byte[] {(byte) 0x80, 0}, java.util.Arrays.copyOfRange(d, 10, 12), "broadcast flag");
        assertArrayEquals(MAC.bytes(), java.util.Arrays.copyOfRange(d, 28, 34));
        assertArrayEquals(new byte[] {99, (byte) 130, 83, 99}, java.util.Arrays.copyOfRange(d, 236, 240));
        // The first option is 53 = DISCOVER, then 61 = 01 + MAC.
        assertArrayEquals(new byte[] {53, 1, 1, 61, 7, 1, 0x00, 0x14, 0x7F, 0x77, 0x00, 0x01},
                java.util.Arrays.copyOfRange(d, 240, 252));
        FakeDhcpServer.Request r = FakeDhcpServer.parse(d);
        assertEquals(MessageType.DISCOVER.code(), r.type());
        assertEquals(Optional.empty(), r.requested());
    }

    @Test
    void option60IsTheSeedsStringForm() {
        assertEquals(Optional.of("0107Thomson0206ST20300303SIP"),
                FakeDhcpServer.parse(DhcpMessages.discover(S30, 1, false)).vendorClass());
        assertEquals(Optional.of("0107Thomson0206ST20220304MGCP"),
                FakeDhcpServer.parse(DhcpMessages.discover(new PhoneIdentity(MAC, Model.ST2022M), 1, false))
                        .vendorClass());
    }

    @Test
    void option77IsThomsonAndTheModel() {
        assertEquals(Optional.of("Thomson ST2030S"), FakeDhcpServer.parse(DhcpMessages.discover(S30, 1, false))
                .userClass());
        assertEquals(Optional.of("Thomson ST2022M"), FakeDhcpServer.parse(
                DhcpMessages.discover(new PhoneIdentity(MAC, Model.ST2022M), 1, false)).userClass());
    }

    @Test
    void option55AsksForVlanOptionsOnlyWhenVlanIsOn() {
        assertEquals(List.of(1, 3, 6, 15, 43, 66, 67, 150),
                FakeDhcpServer.parse(DhcpMessages.discover(S30, 1, false)).parameterList());
        assertEquals(List.of(1, 3, 6, 15, 43, 66, 67, 150, 190, 191, 192),
                FakeDhcpServer.parse(DhcpMessages.discover(S30, 1, true)).parameterList());
    }

    @Test
    void requestNamesTheOfferedAddressAndTheServer() {
        byte[] q = DhcpMessages.request(S30, 7, true, FakeDhcpServer.PHONE, FakeDhcpServer.SERVER);
        FakeDhcpServer.Request r = FakeDhcpServer.parse(q);
        assertEquals(MessageType.REQUEST.code(), r.type());
        assertEquals(7, r.xid());
        assertEquals(Optional.of(FakeDhcpServer.PHONE), r.requested());
        assertEquals(Optional.of(FakeDhcpServer.SERVER), r.serverId());
        assertEquals(Optional.of("0107Thomson0206ST20300303SIP"), r.vendorClass());
        assertTrue(q.length >= 300);
        assertEquals(255, q[lastNonPad(q)] & 0xFF, "ends with option 255");
    }

    private static int lastNonPad(byte[] b) {
        int i = b.length - 1;
        while (b[i] == 0) {
            i--;
        }
        return i;
    }

    @Test
    void aGigasetSaysWhatAGigasetSays() {
        Mac gigaset = Mac.parse("7C:2F:80:77:06:01").orElseThrow();
        FakeDhcpServer.Request n510 = FakeDhcpServer.parse(DhcpMessages.discover(new PhoneIdentity(gigaset, Model.N510),
                1, true));
        assertEquals(Optional.of("Gigaset_N510_IP_PRO"), n510.vendorClass());
        assertEquals(Optional.empty(), n510.userClass(), "no Thomson option 77");
        assertEquals(List.of(1, 3, 6, 15, 66, 114), n510.parameterList(), "114 and 66, no VLAN options of the APS seed");
        assertEquals(Optional.of("Gigaset_N720_DM_PRO"), FakeDhcpServer.parse(DhcpMessages.discover(
                new PhoneIdentity(gigaset, Model.N720), 1, false)).vendorClass());
        assertEquals(Optional.of("C470_IP"), FakeDhcpServer.parse(DhcpMessages.discover(
                new PhoneIdentity(gigaset, Model.C470), 1, false)).vendorClass(), "Wazo's C470 string has no prefix");
    }
}
