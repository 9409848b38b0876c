package org.phoneprov.tftpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.phoneprov.tftpd.codec.TftpDecoder;
import org.phoneprov.tftpd.codec.TftpEncoder;
import org.phoneprov.tftpd.packet.TftpPacket;

/** TFTP packets in and out of an {@link EmbeddedChannel}, through the real codec. */
final class Datagrams {
    private Datagrams() {
    }

    static DatagramPacket of(TftpPacket packet, InetSocketAddress from, InetSocketAddress to) {
        return new DatagramPacket(TftpEncoder.encode(packet, UnpooledByteBufAllocator.DEFAULT), to, from);
    }

    /** The next datagram the channel wrote, decoded, checking it goes to {@code to}. */
    static TftpPacket sent(EmbeddedChannel ch, InetSocketAddress to) {
        DatagramPacket p = ch.readOutbound();
        assertNotNull(p, "expected a datagram");
        try {
            assertEquals(to, p.recipient());
            return TftpDecoder.decode(p.content());
        } finally {
            p.release();
        }
    }

    /** Every datagram the channel wrote since the last read, decoded. */
    static List<TftpPacket> allSent(EmbeddedChannel ch, InetSocketAddress to) {
        List<TftpPacket> out = new ArrayList<>();
        while (!ch.outboundMessages().isEmpty()) {
            out.add(sent(ch, to));
        }
        return out;
    }
}
