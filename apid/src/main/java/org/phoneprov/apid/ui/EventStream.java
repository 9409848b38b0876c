package org.phoneprov.apid.ui;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.http.ProblemDetail;
import org.phoneprov.apid.http.Replies;
import org.phoneprov.apid.routes.EventRoutes;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.common.events.Event;

/**
 * The dashboard's live view: server-sent events (the HTML standard's {@code text/event-stream}),
 * one {@code data:} line of JSON per suite event as the event writer writes it, a comment line
 * every 15 s so that idle connections stay open. A browser that reads too slowly misses
 * events rather than holding memory; at most 16 streams at once.
 */
final class EventStream {
    static final int MAX_STREAMS = 16;
    private final SuiteControl control;
    private final AtomicInteger open = new AtomicInteger();

    EventStream(SuiteControl control) {
        this.control = control;
    }

    void start(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > MAX_STREAMS) {
            open.decrementAndGet();
            Replies.write(ctx, ProblemDetail.of(503, "busy", "Too many live views", "at most " + MAX_STREAMS
                    + " at once; close another"), false, false);
            return;
        }
        if (ctx.pipeline().get("idle") != null) {
            ctx.pipeline().remove("idle"); // a stream is quiet on the client's side by design
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.write(head);
        send(ctx, ": phoneprov events\n\n");
        Consumer<List<Event>> listener = batch -> {
            StringBuilder b = new StringBuilder();
            for (Event e : batch) {
                b.append("data: ").append(new String(Json.bytes(EventRoutes.json(e)), StandardCharsets.UTF_8))
                        .append("\n\n");
            }
            ctx.channel().eventLoop().execute(() -> {
                if (ctx.channel().isWritable()) {
                    send(ctx, b.toString());
                }
            });
        };
        control.subscribe(listener);
        ScheduledFuture<?> ping = ctx.executor().scheduleAtFixedRate(() -> send(ctx, ": ping\n\n"), 15, 15,
                TimeUnit.SECONDS);
        ctx.channel().closeFuture().addListener(f -> {
            control.unsubscribe(listener);
            ping.cancel(false);
            open.decrementAndGet();
        });
    }

    private static void send(ChannelHandlerContext ctx, String text) {
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }
}
