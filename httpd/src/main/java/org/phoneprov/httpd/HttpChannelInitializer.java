package org.phoneprov.httpd;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.LoggerFactory;

/** The pipeline of one HTTP or HTTPS connection, once the gate has let it in; nothing else. */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    static final int MAX_CHUNK = 8192;
    /** POST bodies (ignored) up to this declared size; larger ones get 413. */
    static final int MAX_BODY = 64 * 1024;
    /**
     * A response that has not moved a byte for this long is abandoned (a client that stopped
     * reading). Waiting for a request is {@link ConnectionDeadlines}' business.
     */
    static final int SEND_STALL_SECONDS = 60;
    /** The response encoder's name: {@link EncodedOk} responses are written from its context, past it. */
    static final String ENCODER = "encoder";

    private final ProvisioningHandler handler;
    private final Connections connections;
    private final ConnectionGate gate;
    private final SslContext tls;
    private final TlsRefusals refusals;

    /** A plain HTTP listener's pipeline with the default limits: for tests. */
    HttpChannelInitializer(ProvisioningHandler handler, Connections connections) {
        this(handler, connections, new ConnectionGate(() -> HttpdSettings.Limits.DEFAULT, new LimitLog(
                new RateLimitedLog(LoggerFactory.getLogger(HttpChannelInitializer.class.getPackageName()))),
                System::nanoTime), null, null);
    }

    /** With {@code tls} non-null, an HTTPS listener's: TLS first, handshake failures handled right after it. */
    HttpChannelInitializer(ProvisioningHandler handler, Connections connections, ConnectionGate gate, SslContext tls,
                           TlsRefusals refusals) {
        this.handler = handler;
        this.connections = connections;
        this.gate = gate;
        this.tls = tls;
        this.refusals = refusals;
    }

    @Override
    protected void initChannel(Channel ch) {
        // Refused before anything is built: a flood of connections over the cap costs no
        // codec and no TLS engine.
        Optional<RequestClock> clock = gate.admit(ch);
        if (clock.isEmpty()) {
            return;
        }
        connections.add(ch, clock.get());
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("tls", tls.newHandler(ch.alloc()));
            p.addLast("tls-refusals", refusals);
        }
        // In front of the codec, to see every byte of a head before the codec has a request.
        p.addLast("deadlines", new ConnectionDeadlines(clock.get(), gate.log()));
        // Writer idle, not all idle: bytes a client sends do not keep a response it does not read
        // alive. observeOutput: a large file still flowing to a slow phone is progress, not a stall.
        // In front of the encoder, so it also sees the EncodedOk responses written past it.
        p.addLast("send-stall", new IdleStateHandler(true, 0, SEND_STALL_SECONDS, 0, TimeUnit.SECONDS));
        // No aggregator and no keep-alive handler: bodies are ignored (the handler answers on the
        // request head) and Exchange decides keep-alive itself; each handler less is work saved
        // on every request. Decoder and encoder apart, not HttpServerCodec: that one pairs each
        // request with the response its encoder sees (for HEAD), and EncodedOk responses bypass
        // the encoder. Exchange drops HEAD bodies itself.
        p.addLast("decoder", new HttpRequestDecoder(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK));
        p.addLast(ENCODER, new HttpResponseEncoder());
        p.addLast("provisioning", handler);
    }
}
