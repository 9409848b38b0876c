package org.phoneprov.tftpd.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.phoneprov.tftpd.codec.TftpDatagramDecoder;
import org.phoneprov.tftpd.codec.TftpDatagramEncoder;

/** The pipeline of the port 69 socket, and nothing else: decoder, encoder, handler. */
final class TftpChannelInitializer extends ChannelInitializer<Channel> {
    private final TftpDatagramDecoder decoder;
    private final TftpDatagramEncoder encoder;
    private final RequestHandler handler;

    TftpChannelInitializer(TftpDatagramDecoder decoder, TftpDatagramEncoder encoder, RequestHandler handler) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("decoder", decoder).addLast("encoder", encoder).addLast("handler", handler);
    }
}
