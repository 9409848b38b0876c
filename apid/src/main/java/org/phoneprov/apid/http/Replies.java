package org.phoneprov.apid.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Writes an {@link ApiResponse}, from any thread. Every answer says {@code Cache-Control:
 * no-store} (it may hold passwords) and {@code nosniff}; the dashboard's pages also forbid
 * framing and any script or style not in the page.
 */
public final class Replies {
    private Replies() {
    }

    public static void write(ChannelHandlerContext ctx, ApiResponse a, boolean keepAlive, boolean head) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(a.body()));
        if (!a.contentType().isEmpty()) {
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
        }
        a.headers().forEach((k, v) -> resp.headers().add(k, v));
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        resp.headers().set("X-Content-Type-Options", "nosniff");
        if (a.contentType().startsWith("text/html")) {
            resp.headers().set("X-Frame-Options", "DENY");
            resp.headers().set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline' 'self';"
                    + " style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'");
        }
        HttpUtil.setContentLength(resp, a.body().length);
        if (keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(resp);
        } else {
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
