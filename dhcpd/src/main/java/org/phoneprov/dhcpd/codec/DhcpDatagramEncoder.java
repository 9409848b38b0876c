package org.phoneprov.dhcpd.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@link DhcpReply} → {@link DatagramPacket}. Each option that did not fit the reply's
 * size limit is logged (rate-limited):
 * {@code dhcpd.option_left_out code=67 name=BOOTFILE_NAME xid=0x1a2b3c4d to=10.0.0.7:68 max=576}.
 */
@Sharable
public final class DhcpDatagramEncoder extends MessageToMessageEncoder<DhcpReply> {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpDatagramEncoder.class);

    private final RateLimitedLog log;

    public DhcpDatagramEncoder() {
        this(new RateLimitedLog(LOG));
    }

    public DhcpDatagramEncoder(RateLimitedLog log) {
        this.log = log;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, DhcpReply reply, List<Object> out) {
        EncodeResult result = DhcpEncoder.encode(reply.message(), reply.maxSize(), ctx.alloc());
        for (int code : result.leftOut()) {
            log.log(Level.WARN, "dhcpd.option_left_out", "code=" + code + " name=" + DhcpOption.valueOf(code).name()
                    + " xid=0x" + String.format("%08x", reply.message().xid())
                    + " to=" + DhcpDatagramDecoder.format(reply.recipient()) + " max=" + reply.maxSize());
        }
        out.add(new DatagramPacket(result.content(), reply.recipient()));
    }
}
