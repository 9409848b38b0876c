package org.phoneprov.apid;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.phoneprov.apid.auth.TokenGate;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.ProblemDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call: the token checked on the event loop (a hash and a table lookup), the route run
 * on the API's worker thread (it reads files and may wait for phones), the answer written
 * back from there. Every answer says {@code Cache-Control: no-store}: it may hold passwords.
 */
@io.netty.channel.ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private final TokenGate gate;
    private final Router router;
    private final Executor worker;

    ApiHandler(TokenGate gate, Router router, Executor worker) {
        this.gate = gate;
        this.router = router;
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            write(ctx, ProblemDetail.of(400, "bad-request", "The request cannot be read", null), false, false);
            return;
        }
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String method = req.method().name();
        String path = q.path();
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        boolean head = method.equals("HEAD");
        Optional<org.phoneprov.apid.ApiSettings.Token> caller = Optional.empty();
        Optional<String> authorization = Optional.ofNullable(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (!Router.isPublic(method, path)) {
            TokenGate.Verdict v = gate.check(authorization, client.getAddress());
            if (v instanceof TokenGate.Verdict.Blocked b) {
                write(ctx, ProblemDetail.bare(429, "Too Many Requests").with("Retry-After",
                        String.valueOf(b.retryAfterSeconds())), keepAlive, head);
                return;
            }
            if (v instanceof TokenGate.Verdict.Unauthorized) {
                write(ctx, ProblemDetail.bare(401, "Unauthorized")
                        .with("WWW-Authenticate", "Bearer realm=\"phoneprov\""), keepAlive, head);
                return;
            }
            caller = Optional.of(((TokenGate.Verdict.Allowed) v).token());
        }
        ApiRequest r = new ApiRequest(method, path, q.parameters(), req.headers().copy(),
                ByteBufUtil.getBytes(req.content()), client, caller);
        try {
            worker.execute(() -> {
                long start = System.nanoTime();
                ApiResponse resp = router.route(r);
                LOG.info("api.call caller={} method={} path={} status={} ms={}", r.callerName(), method, path,
                        resp.status(), (System.nanoTime() - start) / 1_000_000);
                write(ctx, resp, keepAlive, head);
            });
        } catch (RejectedExecutionException e) {
            write(ctx, ProblemDetail.of(503, "busy", "The API is busy", "too many calls waiting; try again")
                    .with("Retry-After", "1"), false, head);
        }
    }

    static void write(ChannelHandlerContext ctx, ApiResponse a, boolean keepAlive, boolean head) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(a.body()));
        if (!a.contentType().isEmpty()) {
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
        }
        a.headers().forEach((k, v) -> resp.headers().set(k, v));
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        resp.headers().set("X-Content-Type-Options", "nosniff");
        HttpUtil.setContentLength(resp, a.body().length);
        if (keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(resp);
        } else {
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("api.connection_error client={} error=\"{}\"", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
