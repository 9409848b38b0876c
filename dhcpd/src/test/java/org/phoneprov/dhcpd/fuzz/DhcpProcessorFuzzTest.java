package org.phoneprov.dhcpd.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.dhcpd.codec.DhcpDatagramEncoder;
import org.phoneprov.dhcpd.codec.DhcpDecoder;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.codec.DhcpOptions;
import org.phoneprov.dhcpd.codec.DhcpParseException;
import org.phoneprov.dhcpd.codec.DhcpReply;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.dhcpd.server.DhcpProcessor;
import org.phoneprov.dhcpd.server.Outcome;

/**
 * Any packet that decodes, given to the processor (RFC 2131 4.3 with a real config,
 * classifier, option assembler and allocator), yields an outcome without throwing, and
 * every reply it decides on encodes through the pipeline's encoder to a packet a client
 * can decode as the same reply. Each input runs twice: against an empty allocator, and
 * against one where the same client already holds its lease (DISCOVER and REQUEST done),
 * so renewals, releases, declines and NAKs are reached too; the second time it is sent
 * twice, as a client retransmits.
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/dhcpd/fuzz/DhcpProcessorFuzzTestInputs/process/}.
 * Fuzzing: {@code fuzz/run.sh 10 dhcp-process}.
 */
class DhcpProcessorFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void process(byte[] input) {
        DhcpMessage request;
        try {
            request = DhcpDecoder.decode(Unpooled.wrappedBuffer(input));
        } catch (DhcpParseException e) {
            return; // dropped before the processor, the decoder target's business
        }
        handle(DhcpFuzzSupport.freshProcessor(), request);

        DhcpProcessor warm = DhcpFuzzSupport.freshProcessor();
        request.mac().ifPresent(mac -> lease(warm, mac, request.giaddr()));
        handle(warm, request);
        handle(warm, request);
    }

    /** The client first gets an address the usual way (its DISCOVER and REQUEST carry no fuzzed options). */
    private static void lease(DhcpProcessor p, Mac mac, int giaddr) {
        Outcome offer = p.process(DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).mac(mac).giaddr(giaddr)
                .hops(giaddr == 0 ? 0 : 1).xid(1)
                .options(DhcpOptions.builder()
                        .putByte(DhcpOption.MESSAGE_TYPE.code(), MessageType.DISCOVER.code()).build())
                .build());
        if (offer instanceof Outcome.Reply r) {
            p.process(DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).mac(mac).giaddr(giaddr)
                    .hops(giaddr == 0 ? 0 : 1).xid(2)
                    .options(DhcpOptions.builder().putByte(DhcpOption.MESSAGE_TYPE.code(), MessageType.REQUEST.code())
                            .putIp(DhcpOption.SERVER_ID.code(), DhcpFuzzSupport.SERVER)
                            .putIp(DhcpOption.REQUESTED_IP.code(), r.reply().yiaddr()).build())
                    .build());
        }
    }

    private static void handle(DhcpProcessor p, DhcpMessage request) {
        Outcome o = p.process(request);
        assertNotNull(o);
        if (o instanceof Outcome.Reply reply) {
            checkReply(request, reply);
        } else if (o instanceof Outcome.CommitOnly c) {
            assertNotNull(c.lease());
        } else {
            assertNotNull(((Outcome.Silent) o).reason());
        }
    }

    /** As the handler sends it: sized by the request's option 57, through the pipeline's encoder. */
    private static void checkReply(DhcpMessage request, Outcome.Reply reply) {
        DhcpMessage m = reply.reply();
        assertEquals(DhcpMessage.BOOTREPLY, m.op());
        assertEquals(request.xid(), m.xid(), "a reply carries the request's xid");
        assertNotNull(reply.destination());
        InetSocketAddress to = new InetSocketAddress(Ip4.toInet(reply.destination().address()),
                reply.destination().port());
        EmbeddedChannel channel = new EmbeddedChannel(new DhcpDatagramEncoder(DhcpFuzzSupport.QUIET));
        try {
            assertTrue(channel.writeOutbound(new DhcpReply(m, to, request.maxMessageSize())));
            channel.checkException();
            DatagramPacket out = channel.readOutbound();
            try {
                assertEquals(to, out.recipient());
                int limit = Math.max(request.maxMessageSize(), DhcpMessage.MIN_MAX_MESSAGE_SIZE) - 28;
                assertTrue(out.content().readableBytes() <= Math.max(limit, 300),
                        "reply of " + out.content().readableBytes() + " bytes exceeds the client's limit " + limit);
                DhcpMessage back = DhcpDecoder.decodeReply(out.content());
                assertEquals(m.xid(), back.xid());
                assertEquals(m.yiaddr(), back.yiaddr());
                assertEquals(m.messageType(), back.messageType());
                assertEquals(Optional.of(DhcpFuzzSupport.SERVER), back.serverId());
            } finally {
                out.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
