package org.phoneprov.apid;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.Optional;

/** The API's pipeline: a cap on open connections, TLS, HTTP/1.1, whole requests of at most 1 MiB, idle connections closed. */
final class ApiChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_BODY = 1 << 20;
    static final int IDLE_SECONDS = 60;
    private final Optional<SslContext> tls;
    private final ApiHandler handler;
    private final ConnectionCap cap = new ConnectionCap();

    ApiChannelInitializer(Optional<SslContext> tls, ApiHandler handler) {
        this.tls = tls;
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("cap", cap);
        tls.ifPresent(t -> p.addLast("tls", t.newHandler(ch.alloc())));
        p.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        p.addLast("http", new HttpServerCodec(8192, 16 * 1024, 64 * 1024));
        p.addLast("keepalive", new HttpServerKeepAliveHandler());
        // A larger body gets 413 from the aggregator, before anything reads it.
        p.addLast("aggregate", new HttpObjectAggregator(MAX_BODY));
        p.addLast("api", handler);
    }
}
