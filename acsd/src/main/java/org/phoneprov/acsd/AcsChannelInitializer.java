package org.phoneprov.acsd;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.Optional;

/**
 * The ACS's pipeline: TLS when configured, HTTP/1.1, whole POSTs of at most
 * {@code acsd.max_envelope_bytes} (a larger one gets 413 from the aggregator before any XML is
 * read), and a connection quiet for {@value #IDLE_SECONDS} s closed (its session then drops).
 */
final class AcsChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final int IDLE_SECONDS = 60;
    private final Optional<SslContext> tls;
    private final AcsContext acs;

    AcsChannelInitializer(Optional<SslContext> tls, AcsContext acs) {
        this.tls = tls;
        this.acs = acs;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        tls.ifPresent(t -> p.addLast("tls", t.newHandler(ch.alloc())));
        p.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        p.addLast("http", new HttpServerCodec(4096, 16 * 1024, 64 * 1024));
        p.addLast("aggregate", new HttpObjectAggregator(acs.settings().maxEnvelopeBytes()));
        p.addLast("cwmp", new AcsHandler(acs, tls.isPresent()));
    }
}
