package org.phoneprov.dhcpd.codec;

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
 * {@link DatagramPacket} → {@link DhcpRequest}. A malformed packet is counted in
 * {@link DropCounters}, logged (rate-limited:
 * {@code dhcpd.drop reason=NO_MAGIC_COOKIE from=10.0.0.7:68 bytes=300 detail="..."})
 * and dropped; nothing is propagated, so the channel keeps serving.
 */
@Sharable
public final class DhcpDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpDatagramDecoder.class);

    private final DropCounters counters;
    private final RateLimitedLog log;

    public DhcpDatagramDecoder(DropCounters counters) {
        this(counters, new RateLimitedLog(LOG));
    }

    public DhcpDatagramDecoder(DropCounters counters, RateLimitedLog log) {
        this.counters = counters;
        this.log = log;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        try {
            out.add(new DhcpRequest(DhcpDecoder.decode(packet.content()), packet.sender(), packet.recipient()));
        } catch (DhcpParseException e) {
            counters.increment(e.reason());
            log.log(Level.INFO, "dhcpd.drop", "reason=" + e.reason() + " from=" + format(packet.sender())
                    + " bytes=" + packet.content().readableBytes() + " detail=\"" + e.detail() + "\"");
        }
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
