package org.phoneprov.sipd.notify;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Hands each datagram's bytes to the client; a socket error is reported, never thrown. */
final class ResponseHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final BiConsumer<byte[], InetSocketAddress> datagrams;
    private final Consumer<Throwable> errors;

    ResponseHandler(BiConsumer<byte[], InetSocketAddress> datagrams, Consumer<Throwable> errors) {
        this.datagrams = datagrams;
        this.errors = errors;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        datagrams.accept(ByteBufUtil.getBytes(packet.content()), packet.sender());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket survives an ICMP error or a bad datagram; keep reading.
        errors.accept(cause);
    }
}
