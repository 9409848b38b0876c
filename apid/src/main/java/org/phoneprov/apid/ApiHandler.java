package org.phoneprov.apid;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.phoneprov.apid.auth.TokenGate;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.ProblemDetail;
import org.phoneprov.apid.http.Replies;
import org.phoneprov.apid.ui.Dashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call: the token checked on the event loop (a hash and a table lookup), the route run
 * on the API's worker thread (it reads files; check-sync, which waits for phones, on a
 * thread of its own), the answer written back from there. Every answer says {@code Cache-Control: no-store}: it may hold passwords.
 */
@io.netty.channel.ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private final TokenGate gate;
    private final Router router;
    private final Dashboard dashboard;
    private final Executor worker;
    private final Executor notifier;
    private final ApiMetrics metrics;

    ApiHandler(TokenGate gate, Router router, Dashboard dashboard, Executor worker, Executor notifier,
               ApiMetrics metrics) {
        this.gate = gate;
        this.router = router;
        this.dashboard = dashboard;
        this.worker = worker;
        this.notifier = notifier;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            Replies.write(ctx, ProblemDetail.of(400, "bad-request", "The request cannot be read", null), false, false);
            return;
        }
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String method = req.method().name();
        String path = q.path();
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        boolean head = method.equals("HEAD");
        Optional<ApiSettings.Token> caller = Optional.empty();
        Optional<String> authorization = Optional.ofNullable(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        boolean ui = Dashboard.owns(path);
        // The dashboard signs browsers in with a session of its own; the API wants a token on every call.
        if (!ui && !Router.isPublic(method, path)) {
            TokenGate.Verdict v = gate.check(authorization, client.getAddress());
            if (v instanceof TokenGate.Verdict.Blocked b) {
                metrics.refused("blocked");
                Replies.write(ctx, ProblemDetail.bare(429, "Too Many Requests").with("Retry-After",
                        String.valueOf(b.retryAfterSeconds())), keepAlive, head);
                return;
            }
            if (v instanceof TokenGate.Verdict.Unauthorized) {
                metrics.refused("unauthorized");
                Replies.write(ctx, ProblemDetail.bare(401, "Unauthorized")
                        .with("WWW-Authenticate", "Bearer realm=\"phoneprov\""), keepAlive, head);
                return;
            }
            caller = Optional.of(((TokenGate.Verdict.Allowed) v).token());
        }
        ApiRequest r = new ApiRequest(method, path, q.parameters(), req.headers().copy(),
                ByteBufUtil.getBytes(req.content()), client, caller);
        if (ui && dashboard.isStream(r)) {
            dashboard.stream(ctx, r).ifPresent(refused -> Replies.write(ctx, refused, false, head));
            return;
        }
        try {
            boolean waitsForPhones = path.equals("/api/v1/notify") || path.equals("/ui/notify");
            (waitsForPhones ? notifier : worker).execute(() -> {
                long start = System.nanoTime();
                ApiResponse resp = ui ? dashboard.route(r) : router.route(r);
                long took = System.nanoTime() - start;
                metrics.answered(resp.status(), took);
                LOG.info("api.call caller={} method={} path={} status={} ms={}", r.callerName(), method, path,
                        resp.status(), took / 1_000_000);
                Replies.write(ctx, resp, keepAlive, head);
            });
        } catch (RejectedExecutionException e) {
            Replies.write(ctx, ProblemDetail.of(503, "busy", "The API is busy", "too many calls waiting; try again")
                    .with("Retry-After", "1"), false, head);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("api.connection_error client={} error=\"{}\"", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
