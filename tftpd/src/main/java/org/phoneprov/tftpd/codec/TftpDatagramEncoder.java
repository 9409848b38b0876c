package org.phoneprov.tftpd.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** {@link TftpOutbound} → {@link DatagramPacket} to its recipient, sent from the channel's own address. */
@Sharable
public final class TftpDatagramEncoder extends MessageToMessageEncoder<TftpOutbound> {
    @Override
    protected void encode(ChannelHandlerContext ctx, TftpOutbound msg, List<Object> out) {
        out.add(new DatagramPacket(TftpEncoder.encode(msg.packet(), ctx.alloc()), msg.recipient()));
    }
}
