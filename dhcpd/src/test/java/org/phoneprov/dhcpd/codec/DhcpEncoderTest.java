package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;
import static org.phoneprov.dhcpd.codec.RawPacket.ascii;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;

class DhcpEncoderTest {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final int SERVER = 0x0a4d0001;
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void release() {
        buffers.forEach(ByteBuf::release);
    }

    private EncodeResult encode(DhcpMessage m, int maxSize) {
        EncodeResult r = DhcpEncoder.encode(m, maxSize, ALLOC);
        buffers.add(r.content());
        return r;
    }

    static DhcpMessage discover(MessageType type) {
        DhcpOptions.Builder o = DhcpOptions.builder().putByte(53, type.code())
                .put(61, new byte[] {1, 0x00, 0x14, 0x7f, (byte) 0xe1, 0x47, (byte) 0xb3})
                .putShort(57, 1500)
                .put(55, new byte[] {1, 3, 6, 15, 42, 43, 66, 67, (byte) 150, (byte) 190})
                .put(60, ascii("0107Thomson0206ST20300303SIP"))
                .putString(77, "Thomson ST2030S")
                .putString(12, "ST2030-47B3");
        if (type.equals(MessageType.REQUEST)) {
            o.putIp(50, 0x0a4d0064).putIp(54, SERVER);
        }
        return DhcpMessage.builder().mac(Mac.of(RawPacket.MAC)).xid(0x0badcafe).secs(4).broadcast(true)
                .options(o.build()).build();
    }

    static DhcpMessage offer(DhcpMessage request, MessageType type) {
        byte[] vendor = new byte[40];
        Arrays.fill(vendor, (byte) 0xc3);
        DhcpOptions options = DhcpOptions.builder()
                .putByte(53, type.code()).putIp(54, SERVER)
                .putInt(51, 86400).putInt(58, 43200).putInt(59, 75600)
                .putIp(1, 0xffffff00).putIp(3, 0x0a4d00fe).putIp(6, 0x0a4d0001, 0x08080808)
                .putString(15, "lab.example").putString(66, "10.77.0.1")
                .putString(67, "ST2030S_00147FE147B3.inf").putIp(150, SERVER)
                .put(43, vendor).putShort(190, 100)
                .build();
        return DhcpMessage.reply(request).yiaddr(0x0a4d0064).siaddr(SERVER).sname("phoneprov")
                .file("ST2030S.inf").options(options).build();
    }

    @Test
    void discoverAndRequestRoundTrip() {
        for (MessageType t : List.of(MessageType.DISCOVER, MessageType.REQUEST)) {
            DhcpMessage m = discover(t);
            EncodeResult r = encode(m, 576);
            assertTrue(r.complete());
            assertEquals(m, DhcpDecoder.decode(r.content()));
        }
    }

    @Test
    void offerAndAckRoundTrip() {
        for (MessageType t : List.of(MessageType.OFFER, MessageType.ACK)) {
            DhcpMessage m = offer(discover(MessageType.DISCOVER), t);
            EncodeResult r = encode(m, 576);
            assertTrue(r.complete(), () -> "left out " + r.leftOut());
            DhcpMessage back = DhcpDecoder.decodeReply(r.content());
            assertEquals(m, back);
            assertEquals(t, back.messageType().orElseThrow());
            assertEquals("ST2030S.inf", back.fileString());
            assertEquals("phoneprov", back.snameString());
            assertEquals(0x0badcafe, back.xid());
            assertTrue(back.broadcast());
        }
    }

    @Test
    void messageTypeFirstServerIdSecondThenMessageOrder() {
        DhcpOptions o = DhcpOptions.builder().putInt(51, 60).putString(67, "f").putIp(54, SERVER).putByte(53, 5)
                .putIp(1, 0xffffff00).build();
        ByteBuf b = encode(DhcpMessage.builder().op(2).options(o).build(), 576).content();
        byte[] opts = new byte[b.readableBytes() - 240];
        b.getBytes(240, opts);
        assertArrayEquals(RawPacket.hex("3501 05 3604 0a4d0001 3304 0000003c 4301 66 0104 ffffff00 ff"),
                Arrays.copyOf(opts, 25));
    }

    @Test
    void longOptionsAreSplitIntoInstances() {
        for (int len : new int[] {0, 1, 254, 255, 256, 510, 511, 600}) {
            byte[] value = new byte[len];
            for (int i = 0; i < len; i++) {
                value[i] = (byte) (i + 1);
            }
            DhcpMessage m = discover(MessageType.DISCOVER).toBuilder()
                    .options(DhcpOptions.builder().putByte(53, 1).put(224, value).build()).build();
            ByteBuf b = encode(m, 1500).content();
            int pos = 243;
            int instances = 0;
            while (b.getUnsignedByte(pos) == 224) {
                int n = b.getUnsignedByte(pos + 1);
                assertTrue(n <= 255);
                instances++;
                pos += 2 + n;
            }
            assertEquals(255, b.getUnsignedByte(pos), "END after option, len " + len);
            assertEquals(len == 0 ? 1 : (len + 254) / 255, instances, "instances for len " + len);
            assertArrayEquals(value, DhcpDecoder.decode(b).options().get(224).orElseThrow());
        }
    }

    @Test
    void optionThatDoesNotFitIsLeftOutWholeAndReported() {
        byte[] big = new byte[400];
        Arrays.fill(big, (byte) 0x42);
        DhcpMessage base = offer(discover(MessageType.DISCOVER), MessageType.OFFER);
        DhcpOptions o = base.options().toBuilder().put(43, big).putString(66, "tftp.lab").build();
        DhcpMessage m = base.toBuilder().options(o).build();

        EncodeResult r = encode(m, 576);

        assertEquals(List.of(43), r.leftOut());
        assertFalse(r.complete());
        assertTrue(r.content().readableBytes() <= 548, "size " + r.content().readableBytes());
        DhcpMessage back = DhcpDecoder.decodeReply(r.content());
        assertFalse(back.options().has(43));
        assertEquals("tftp.lab", back.options().getString(66).orElseThrow());
        assertEquals("ST2030S_00147FE147B3.inf", back.options().getString(67).orElseThrow());
        assertEquals(0xff, r.content().getUnsignedByte(endIndex(r.content())));

        EncodeResult roomy = encode(m, 1500);
        assertTrue(roomy.complete());
        assertArrayEquals(big, DhcpDecoder.decodeReply(roomy.content()).options().get(43).orElseThrow());
    }

    @Test
    void limitIsExactAndKeepsRoomForEnd() {
        // 240 header+cookie, 3 for 53, then one option of 2+n bytes, then END: 548 when n = 302 (2 instances).
        int fits = 548 - 240 - 3 - 1 - 4;
        DhcpMessage exact = withOption(fits);
        EncodeResult r = encode(exact, 576);
        assertTrue(r.complete());
        assertEquals(548, r.content().readableBytes());
        assertEquals(0xff, r.content().getUnsignedByte(547));

        EncodeResult over = encode(withOption(fits + 1), 576);
        assertEquals(List.of(224), over.leftOut());
        assertEquals(300, over.content().readableBytes());

        EncodeResult bigger = encode(withOption(fits + 1), 577);
        assertTrue(bigger.complete());
        assertEquals(549, bigger.content().readableBytes());
    }

    private static DhcpMessage withOption(int length) {
        return DhcpMessage.builder().op(2).options(DhcpOptions.builder().putByte(53, 5)
                .put(224, new byte[length]).build()).build();
    }

    @Test
    void maxSizeBelow576Means576() {
        EncodeResult r = encode(withOption(600), 300);
        assertEquals(List.of(224), r.leftOut());
        EncodeResult fits = encode(withOption(548 - 240 - 3 - 1 - 4), 0);
        assertTrue(fits.complete());
        assertEquals(548, fits.content().readableBytes());
    }

    @Test
    void paddedTo300Bytes() {
        DhcpMessage m = DhcpMessage.builder().op(2).options(DhcpOptions.builder().putByte(53, 6).build()).build();
        ByteBuf b = encode(m, 576).content();
        assertEquals(300, b.readableBytes());
        assertEquals(0xff, b.getUnsignedByte(243));
        for (int i = 244; i < 300; i++) {
            assertEquals(0, b.getByte(i));
        }
        assertEquals(MessageType.NAK, DhcpDecoder.decodeReply(b).messageType().orElseThrow());
    }

    @Test
    void largeMessagesAreNotPadded() {
        DhcpMessage m = withOption(200);
        ByteBuf b = encode(m, 576).content();
        assertEquals(240 + 3 + 202 + 1, b.readableBytes());
    }

    @Test
    void neverWritesOverload() {
        DhcpMessage m = DhcpMessage.builder().op(2)
                .options(DhcpOptions.builder().putByte(53, 5).putByte(52, 3).putString(12, "h").build()).build();
        EncodeResult r = encode(m, 576);
        assertEquals(List.of(52), r.leftOut());
        DhcpMessage back = DhcpDecoder.decodeReply(r.content());
        assertFalse(back.options().has(52));
        assertEquals("h", back.options().getString(12).orElseThrow());
    }

    @Test
    void headerIsWrittenAtItsOffsets() {
        DhcpMessage m = offer(discover(MessageType.DISCOVER), MessageType.OFFER).toBuilder().hops(1).build();
        ByteBuf b = encode(m, 576).content();
        String hex = ByteBufUtil.hexDump(b, 0, 44);
        assertEquals("02010601" + "0badcafe" + "00008000" + "00000000" + "0a4d0064" + "0a4d0001" + "00000000"
                + "00147fe147b300000000000000000000", hex);
        assertEquals(0x63825363, b.getInt(236));
        assertEquals('p', b.getByte(44));
        assertEquals('S', b.getByte(108));
    }

    private static int endIndex(ByteBuf b) {
        int pos = 240;
        while (b.getUnsignedByte(pos) != 255) {
            pos += 2 + b.getUnsignedByte(pos + 1);
        }
        return pos;
    }
}
