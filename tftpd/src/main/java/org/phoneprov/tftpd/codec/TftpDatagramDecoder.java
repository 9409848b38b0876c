package org.phoneprov.tftpd.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@link DatagramPacket} → {@link TftpInbound}. A malformed packet is counted in
 * {@link TftpDropCounters} and logged (rate-limited:
 * {@code tftpd.drop reason=BAD_MODE from=10.77.0.100:2070 bytes=20 detail="mode 'mail'"});
 * a malformed request or an unknown opcode then goes on as a {@link TftpMalformed} for
 * the handler to answer, anything else is dropped. Nothing is thrown, so the channel
 * keeps serving.
 */
@Sharable
public final class TftpDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(TftpDatagramDecoder.class);

    private final TftpDropCounters counters;
    private final RateLimitedLog log;

    public TftpDatagramDecoder(TftpDropCounters counters) {
        this(counters, new RateLimitedLog(LOG));
    }

    public TftpDatagramDecoder(TftpDropCounters counters, RateLimitedLog log) {
        this.counters = counters;
        this.log = log;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf content = packet.content();
        try {
            out.add(new TftpInbound(TftpDecoder.decode(content), packet.sender(), packet.recipient()));
        } catch (TftpParseException e) {
            counters.increment(e.reason());
            log.log(Level.INFO, "tftpd.drop", "reason=" + e.reason() + " from=" + format(packet.sender())
                    + " bytes=" + content.readableBytes() + " detail=\"" + e.detail() + "\"");
            if (deservesAnswer(content)) {
                out.add(new TftpMalformed(e.reason(), e.detail(), packet.sender(), packet.recipient()));
            }
        }
    }

    /** RRQ, WRQ or an unknown opcode: not DATA, ACK, ERROR or OACK, and at least an opcode. */
    static boolean deservesAnswer(ByteBuf content) {
        if (content.readableBytes() < 2) {
            return false;
        }
        int opcode = content.getUnsignedShort(content.readerIndex());
        return opcode < 3 || opcode > 6;
    }

    static String format(InetSocketAddress address) {
        if (address == null) {
            return "-";
        }
        return address.getAddress() == null
                ? address.getHostString() + ":" + address.getPort()
                : address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
