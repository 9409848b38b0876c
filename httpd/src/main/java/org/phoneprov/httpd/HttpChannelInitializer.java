package org.phoneprov.httpd;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** The pipeline of one HTTP or HTTPS connection, and nothing else. */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    static final int MAX_CHUNK = 8192;
    /** POST bodies (ignored) up to this declared size; larger ones get 413. */
    static final int MAX_BODY = 64 * 1024;
    static final int IDLE_SECONDS = 60;

    private final ProvisioningHandler handler;
    private final Connections connections;
    private final SslContext tls;
    private final TlsRefusals refusals;

    /** A plain HTTP listener's pipeline. */
    HttpChannelInitializer(ProvisioningHandler handler, Connections connections) {
        this(handler, connections, null, null);
    }

    /** With {@code tls} non-null, an HTTPS listener's: TLS first, handshake failures handled right after it. */
    HttpChannelInitializer(ProvisioningHandler handler, Connections connections, SslContext tls, TlsRefusals refusals) {
        this.handler = handler;
        this.connections = connections;
        this.tls = tls;
        this.refusals = refusals;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("tls", tls.newHandler(ch.alloc()));
            p.addLast("tls-refusals", refusals);
        }
        // No aggregator and no keep-alive handler: bodies are ignored (the handler answers on the
        // request head) and Exchange decides keep-alive itself; each handler less is work saved
        // on every request.
        p.addLast("codec", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK));
        p.addLast("idle", new IdleStateHandler(false, 0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        p.addLast("provisioning", handler);
    }
}
