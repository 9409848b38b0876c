package org.phoneprov.phonesim.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;

class DhcpReplyParserTest {
    static final Mac MAC = DhcpMessagesTest.MAC;

    static DhcpReply ok(byte[] b) {
        DhcpReplyParser.Result r = DhcpReplyParser.parse(b);
        assertInstanceOf(DhcpReplyParser.Parsed.class, r, () -> r.toString());
        return ((DhcpReplyParser.Parsed) r).reply();
    }

    static String malformed(byte[] b) {
        DhcpReplyParser.Result r = DhcpReplyParser.parse(b);
        assertInstanceOf(DhcpReplyParser.Malformed.class, r);
        return ((DhcpReplyParser.Malformed) r).reason();
    }

    @Test
    void readsTheOptionsAnSt20xxUses() {
        DhcpReply r = ok(new ReplyBuilder(MessageType.ACK, 42, MAC).yiaddr(FakeDhcpServer.PHONE)
                .siaddr(FakeDhcpServer.SERVER).file("ST2030M.inf")
                .option(DhcpOption.SUBNET_MASK, FakeDhcpServer.ip("255.255.255.0"))
                .option(DhcpOption.ROUTER, new byte[] {10, 77, 0, (byte) 254, 10, 77, 0, (byte) 253})
                .option(DhcpOption.LEASE_TIME, new byte[] {0, 0, 0x0e, 0x10})
                .option(DhcpOption.SERVER_ID, FakeDhcpServer.SERVER)
                .option(DhcpOption.VENDOR_SPECIFIC, "http://10.77.0.1/ST2030S.inf\0")
                .option(DhcpOption.TFTP_SERVER_NAME, "10.77.0.1")
                .option(DhcpOption.BOOTFILE_NAME, "ST2030M.inf")
                .option(DhcpOption.TFTP_SERVER_ADDRESS, new byte[] {10, 77, 0, 1, 10, 77, 0, 2})
                .option(DhcpOption.VLAN_ENABLE, (byte) 1).option(DhcpOption.VOICE_VLAN, (byte) 0, (byte) 100)
                .option(DhcpOption.DATA_VLAN, (byte) 0, (byte) 200)
                .option(DhcpOption.valueOf(224), "unknown to the phone").build());
        assertEquals(42, r.xid());
        assertEquals("ACK", r.typeName());
        assertEquals(MAC, r.chaddr());
        assertEquals(FakeDhcpServer.PHONE, r.yiaddr());
        assertEquals(FakeDhcpServer.SERVER, r.siaddr());
        assertEquals(Optional.of("ST2030M.inf"), r.file());
        assertEquals(Optional.of(FakeDhcpServer.ip("10.77.0.254")), r.router());
        assertEquals(Optional.of(3600L), r.leaseSeconds());
        assertEquals(Optional.of(FakeDhcpServer.SERVER), r.serverId());
        assertEquals(Optional.of("http://10.77.0.1/ST2030S.inf"), r.vendorSpecific(), "trailing NUL dropped");
        assertEquals(Optional.of("10.77.0.1"), r.tftpServerName());
        assertEquals(Optional.of("ST2030M.inf"), r.bootfileName());
        assertEquals(List.of(FakeDhcpServer.SERVER, FakeDhcpServer.ip("10.77.0.2")), r.tftpServers());
        assertEquals(Optional.of(1), r.vlanEnable());
        assertEquals(Optional.of(100), r.voiceVlan());
        assertEquals(Optional.of(200), r.dataVlan());
        assertTrue(r.notes().isEmpty(), r.notes().toString());
    }

    @Test
    void option114IsAGigasetsUrlAndGoesIntoTheLease() {
        DhcpReply r = ok(new ReplyBuilder(MessageType.ACK, 42, MAC).yiaddr(FakeDhcpServer.PHONE)
                .option(DhcpOption.valueOf(DhcpReplyParser.GIGASET_URL), "http://10.77.0.1/gigaset").build());
        assertEquals(Optional.of("http://10.77.0.1/gigaset"), r.gigasetUrl());
        assertEquals(Optional.of("http://10.77.0.1/gigaset"), DhcpLease.of(r, FakeDhcpServer.SERVER).gigasetUrl());
        assertEquals(Optional.empty(), ok(new ReplyBuilder(MessageType.ACK, 42, MAC).yiaddr(FakeDhcpServer.PHONE).build())
                .gigasetUrl());
    }

    @Test
    void option150MayBeText() {
        DhcpReply r = ok(new ReplyBuilder(MessageType.OFFER, 1, MAC).option(DhcpOption.TFTP_SERVER_ADDRESS, "10.77.0.1")
                .build());
        assertEquals(List.of(FakeDhcpServer.SERVER), r.tftpServers());
    }

    @Test
    void optionsOfTheWrongSizeAreIgnoredAndNoted() {
        DhcpReply r = ok(new ReplyBuilder(MessageType.OFFER, 1, MAC).option(DhcpOption.VOICE_VLAN, (byte) 100)
                .option(DhcpOption.SERVER_ID, (byte) 1, (byte) 2).build());
        assertEquals(Optional.empty(), r.voiceVlan());
        assertEquals(Optional.empty(), r.serverId());
        assertEquals(2, r.notes().size());
    }

    @Test
    void overloadedFileFieldHoldsOptions() {
        byte[] b = new ReplyBuilder(MessageType.OFFER, 1, MAC).option(DhcpOption.OVERLOAD, (byte) 1).build();
        byte[] inFile = {67, 4, 'a', '.', 'i', 'n', (byte) 255};
        inFile[1] = 5;
        inFile = new byte[] {67, 5, 'a', '.', 'i', 'n', 'f', (byte) 255};
        System.arraycopy(inFile, 0, b, 108, inFile.length);
        DhcpReply r = ok(b);
        assertEquals(Optional.of("a.inf"), r.bootfileName());
        assertEquals(Optional.empty(), r.file(), "the file field is options, not a name");
    }

    @Test
    void rejectsWhatIsNotADhcpReply() {
        assertTrue(malformed(new byte[100]).contains("too short"));
        assertTrue(malformed(new ReplyBuilder(MessageType.OFFER, 1, MAC).op(1).build()).contains("op"));
        assertTrue(malformed(new ReplyBuilder(MessageType.OFFER, 1, MAC).noCookie().build()).contains("cookie"));
        byte[] noType = new ReplyBuilder(MessageType.OFFER, 1, MAC).build();
        noType[240] = 12; // host name instead of 53
        assertTrue(malformed(noType).contains("53"));
        byte[] overrun = new ReplyBuilder(MessageType.OFFER, 1, MAC).build();
        overrun[243] = 43;
        overrun[244] = (byte) 200; // claims 200 bytes in a 300-byte message
        assertTrue(malformed(overrun).contains("claims"));
        assertTrue(malformed(null).contains("too short"));
    }
}
