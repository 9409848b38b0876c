package org.phoneprov.sipd.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.phoneprov.sipd.message.SipDatagramDecoder;
import org.phoneprov.sipd.pnp.PnpHandler;

/**
 * The pipeline of a SIP socket, the group's or the unicast one, and nothing else: decoder,
 * handler. Answers are written as datagrams straight to the reply socket, so no encoder.
 */
final class SipChannelInitializer extends ChannelInitializer<Channel> {
    private final SipDatagramDecoder decoder;
    private final PnpHandler handler;

    SipChannelInitializer(SipDatagramDecoder decoder, PnpHandler handler) {
        this.decoder = decoder;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("decoder", decoder).addLast("handler", handler);
    }
}
