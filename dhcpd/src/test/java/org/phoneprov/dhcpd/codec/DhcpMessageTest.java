package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;

class DhcpMessageTest {
    private static final Mac MAC = Mac.of(RawPacket.MAC);

    private static DhcpMessage.Builder request(DhcpOptions options) {
        return DhcpMessage.builder().mac(MAC).xid(0x1a2b3c4d).options(options);
    }

    @Test
    void messageTypeFromOption53() {
        assertEquals(MessageType.REQUEST,
                request(DhcpOptions.builder().putByte(53, 3).build()).build().messageType().orElseThrow());
        assertTrue(request(DhcpOptions.empty()).build().messageType().isEmpty());
        assertEquals(MessageType.valueOf(200),
                request(DhcpOptions.builder().putByte(53, 200).build()).build().messageType().orElseThrow());
    }

    @Test
    void broadcastIsTheTopFlagBit() {
        assertFalse(request(DhcpOptions.empty()).build().broadcast());
        DhcpMessage m = request(DhcpOptions.empty()).broadcast(true).build();
        assertTrue(m.broadcast());
        assertEquals(0x8000, m.flags());
        assertFalse(request(DhcpOptions.empty()).flags(0x7fff).build().broadcast());
        assertEquals(0x0001, request(DhcpOptions.empty()).flags(0x8001).broadcast(false).build().flags());
    }

    @Test
    void macOnlyForEthernet() {
        DhcpMessage m = request(DhcpOptions.empty()).build();
        assertEquals("00147FE147B3", m.mac().orElseThrow().hex());
        assertTrue(m.toBuilder().htype(6).build().mac().isEmpty());
        assertTrue(m.toBuilder().hlen(16).build().mac().isEmpty());
    }

    @Test
    void parameterRequestListKeepsOrderAndUnsignedCodes() {
        DhcpMessage m = request(DhcpOptions.builder().put(55, new byte[] {66, 1, 3, (byte) 150, 67, 43, (byte) 0xbe})
                .build()).build();
        assertEquals(List.of(66, 1, 3, 150, 67, 43, 190), m.parameterRequestList());
        assertEquals(List.of(), request(DhcpOptions.empty()).build().parameterRequestList());
    }

    @Test
    void maxMessageSize() {
        assertEquals(576, request(DhcpOptions.empty()).build().maxMessageSize());
        assertEquals(1500, request(DhcpOptions.builder().putShort(57, 1500).build()).build().maxMessageSize());
        assertEquals(65535, request(DhcpOptions.builder().putShort(57, 65535).build()).build().maxMessageSize());
        assertEquals(576, request(DhcpOptions.builder().putShort(57, 575).build()).build().maxMessageSize());
        assertEquals(576, request(DhcpOptions.builder().putInt(57, 1500).build()).build().maxMessageSize());
    }

    @Test
    void requestedIpAndServerId() {
        DhcpMessage m = request(DhcpOptions.builder().putIp(50, 0x0a4d0064).putIp(54, 0x0a4d0001).build()).build();
        assertEquals(0x0a4d0064, m.requestedIp().orElseThrow());
        assertEquals(0x0a4d0001, m.serverId().orElseThrow());
        DhcpMessage bad = request(DhcpOptions.builder().putShort(50, 1).build()).build();
        assertTrue(bad.requestedIp().isEmpty());
        assertTrue(bad.serverId().isEmpty());
    }

    @Test
    void fileAndSnameAreNulTerminated() {
        byte[] file = new byte[128];
        file[0] = 'a';
        file[1] = (byte) 0xe9;
        file[3] = 'z';
        DhcpMessage m = request(DhcpOptions.empty()).file(file).sname("tftp.lab").build();
        assertEquals("a\u00e9", m.fileString());
        assertEquals("tftp.lab", m.snameString());
        assertEquals(64, m.sname().length);
        String full = "x".repeat(127);
        assertEquals(full, request(DhcpOptions.empty()).file(full).build().fileString());
        assertThrows(IllegalArgumentException.class, () -> request(DhcpOptions.empty()).file("x".repeat(128)));
        assertThrows(IllegalArgumentException.class, () -> request(DhcpOptions.empty()).sname("x".repeat(64)));
    }

    @Test
    void replyCopiesTheRequestIdentity() throws Exception {
        DhcpMessage req = request(DhcpOptions.builder().putByte(53, 1).build())
                .hops(2).secs(9).broadcast(true).giaddr(0x0a010101).ciaddr(0x0a0000fe).build();
        DhcpMessage reply = DhcpMessage.reply(req)
                .yiaddr((java.net.Inet4Address) InetAddress.getByName("10.77.0.100")).siaddr(0x0a4d0001)
                .file("ST2030S.inf").options(DhcpOptions.builder().putByte(53, 2).build()).build();
        assertEquals(2, reply.op());
        assertEquals(req.xid(), reply.xid());
        assertEquals(1, reply.htype());
        assertEquals(6, reply.hlen());
        assertArrayEquals(req.chaddr(), reply.chaddr());
        assertEquals(0x8000, reply.flags());
        assertEquals(0x0a010101, reply.giaddr());
        assertEquals(0, reply.hops());
        assertEquals(0, reply.secs());
        assertEquals(0, reply.ciaddr());
        assertEquals("10.77.0.100", reply.yiaddrAddress().getHostAddress());
        assertEquals("10.77.0.1", reply.siaddrAddress().getHostAddress());
        assertEquals("10.1.1.1", reply.giaddrAddress().getHostAddress());
        assertEquals("0.0.0.0", reply.ciaddrAddress().getHostAddress());
        assertEquals(MessageType.OFFER, reply.messageType().orElseThrow());
        assertEquals("ST2030S.inf", reply.fileString());
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] ch = RawPacket.MAC.clone();
        DhcpMessage m = DhcpMessage.builder().chaddr(ch).build();
        ch[0] = 9;
        m.chaddr()[1] = 9;
        assertEquals(16, m.chaddr().length);
        assertEquals(0x14, m.chaddr()[1]);
        assertEquals(0, m.chaddr()[0]);
    }

    @Test
    void fieldsAreRangeChecked() {
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.builder().op(256).build());
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.builder().hops(-1).build());
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.builder().secs(65536).build());
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.builder().chaddr(new byte[17]).build());
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.builder().file(new byte[129]).build());
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.builder().options(null).build());
    }

    @Test
    void equalityIsByContent() {
        DhcpMessage a = request(DhcpOptions.builder().putByte(53, 1).build()).build();
        DhcpMessage b = request(DhcpOptions.builder().putByte(53, 1).build()).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.toBuilder().sname("x").build());
        assertTrue(a.toString().contains("type=DISCOVER"));
        assertTrue(a.toString().contains("00:14:7F:E1:47:B3"));
    }
}
