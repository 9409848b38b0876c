package org.phoneprov.dhcpd.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.phoneprov.dhcpd.codec.DhcpDatagramDecoder;
import org.phoneprov.dhcpd.codec.DhcpDatagramEncoder;

/** The pipeline of the DHCP socket, and nothing else: decoder, encoder, handler. */
final class DhcpChannelInitializer extends ChannelInitializer<Channel> {
    private final DhcpDatagramDecoder decoder;
    private final DhcpDatagramEncoder encoder;
    private final DhcpHandler handler;

    DhcpChannelInitializer(DhcpDatagramDecoder decoder, DhcpDatagramEncoder encoder, DhcpHandler handler) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("decoder", decoder).addLast("encoder", encoder).addLast("handler", handler);
    }
}
