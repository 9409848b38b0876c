package org.phoneprov.dhcpd.ha;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The partner's side of the conversation: a small HTTP/1.1 listener on this node's peer
 * address. Every request must be signed by the partner (or, for the status, by this node's own
 * {@code phoneprov ha status}); anything else gets 401 and a rate-limited log line saying why,
 * and nothing it carried is used. Bodies are capped, connections idle for 60 s are closed.
 */
final class HaListener implements AutoCloseable {
    static final int MAX_BODY = 32 << 20; // a full sync of 65,000 leases is about 8 MB of JSON
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger("org.phoneprov.dhcpd.ha"));
    private final HaNode node;
    private final HaAuth auth;
    private final String self;
    private final String partner;
    private final LongSupplier clock;
    private EventLoopGroup group;
    private Channel channel;

    private final java.util.Optional<io.netty.handler.ssl.SslContext> tls;

    HaListener(HaNode node, HaAuth auth, String self, String partner, LongSupplier clock,
               java.util.Optional<org.phoneprov.common.config.HaSettings.Tls> tls) {
        try {
            this.tls = tls.isPresent() ? java.util.Optional.of(HaTls.server(tls.get())) : java.util.Optional.empty();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException("dhcpd.ha.tls: " + e.getMessage(), e);
        }
        this.node = node;
        this.auth = auth;
        this.self = self;
        this.partner = partner;
        this.clock = clock;
    }

    InetSocketAddress start(InetSocketAddress at) throws BindException {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("dhcpd-ha-listener", true));
        Handler handler = new Handler();
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        tls.ifPresent(t -> ch.pipeline().addLast(t.newHandler(ch.alloc())));
                        ch.pipeline().addLast(new ReadTimeoutHandler(60), new HttpServerCodec(4096, 8192, 64 * 1024),
                                new HttpObjectAggregator(MAX_BODY), handler);
                    }
                });
        try {
            channel = b.bind(at).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            BindException failure = new BindException("dhcpd HA cannot listen on " + at.getAddress().getHostAddress()
                    + ":" + at.getPort() + " (dhcpd.ha.peers, this node's entry): " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    @ChannelHandler.Sharable
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = req.uri();
            byte[] body = ByteBufUtil.getBytes(req.content());
            InetSocketAddress from = (InetSocketAddress) ctx.channel().remoteAddress();
            if (!req.method().equals(HttpMethod.POST)) {
                answer(ctx, path, HttpResponseStatus.METHOD_NOT_ALLOWED, error("POST only"));
                return;
            }
            String expected = path.equals(HaWire.STATUS) ? self : partner;
            Optional<String> header = Optional.ofNullable(req.headers().get(HaAuth.HEADER));
            HaAuth.Verdict v = auth.check(header, expected, clock.getAsLong(), "POST " + path, body);
            if (path.equals(HaWire.STATUS) && v instanceof HaAuth.Verdict.Refused r1
                    && r1.reason() == HaAuth.Reason.WRONG_NODE) {
                v = auth.check(header, partner, clock.getAsLong(), "POST " + path, body);
            }
            if (v instanceof HaAuth.Verdict.Refused refused) {
                log.log(Level.WARN, "ha.refused", "from=" + from.getAddress().getHostAddress() + " path=" + path
                        + " reason=" + refused.reason().name().toLowerCase(java.util.Locale.ROOT) + " detail=\""
                        + refused.detail() + "\"");
                HttpResponseStatus status = refused.reason() == HaAuth.Reason.VERSION
                        ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.UNAUTHORIZED;
                answer(ctx, path, status, error(refused.detail()));
                return;
            }
            CompletableFuture<ObjectNode> result;
            try {
                ObjectNode in = body.length == 0 ? HaWire.object() : HaWire.parse(body);
                result = switch (path) {
                    case HaWire.HEARTBEAT -> CompletableFuture.completedFuture(node.onHeartbeat(in));
                    case HaWire.LEASE_UPDATES -> node.onLeaseUpdates(HaWire.leases(in.get("leases")));
                    case HaWire.LEASES -> node.onSync();
                    case HaWire.STATUS -> node.onStatus();
                    default -> null;
                };
            } catch (HaWire.BadMessage e) {
                log.log(Level.WARN, "ha.bad_message", "from=" + from.getAddress().getHostAddress() + " path=" + path
                        + " error=\"" + e.getMessage() + "\"");
                answer(ctx, path, HttpResponseStatus.BAD_REQUEST, error(e.getMessage()));
                return;
            }
            if (result == null) {
                answer(ctx, path, HttpResponseStatus.NOT_FOUND, error("no such HA call"));
                return;
            }
            result.whenComplete((o, err) -> {
                if (err != null) {
                    answer(ctx, path, HttpResponseStatus.SERVICE_UNAVAILABLE,
                            error(HaPartnerLink.reason(err).orElse("failed")));
                } else {
                    answer(ctx, path, HttpResponseStatus.OK, o);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.log(Level.DEBUG, "ha.connection_error", "error=\"" + cause + "\"");
            ctx.close();
        }
    }

    private static ObjectNode error(String detail) {
        ObjectNode o = HaWire.object();
        o.put("error", detail);
        return o;
    }

    /** Every answer is signed too, so the asking node knows it came from this node. */
    private void answer(ChannelHandlerContext ctx, String path, HttpResponseStatus status, ObjectNode body) {
        byte[] bytes = HaWire.bytes(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        r.headers().set(HaAuth.HEADER, auth.sign(self, clock.getAsLong(), "ANSWER " + status.code() + " " + path, bytes));
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
}
