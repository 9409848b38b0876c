package org.phoneprov.httpd;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces one connection's {@link RequestClock}: the request-head deadline and the
 * keep-alive timeout. It sits in front of the HTTP codec, where it sees every byte the
 * client sends (the codec shows nothing until a head is complete); the provisioning
 * handler tells the clock when a head is complete and when its response is out.
 *
 * <p>A connection cut off here gets no answer, as nginx does on client_header_timeout:
 * the client is either gone (a power-cycled phone), silent on purpose, or trickling
 * bytes; a 408 would be one more write to a peer that may never read it, and on a
 * kept-alive connection an answer to a request the client may be sending that very
 * moment. A close is what every HTTP client already handles by asking again.
 *
 * <p>One timer per connection, re-armed only when it fires (at most every
 * {@code keepalive_seconds}): nothing is scheduled or cancelled per request or per byte.
 */
final class ConnectionDeadlines extends ChannelInboundHandlerAdapter implements Runnable {
    private final RequestClock clock;
    private final LimitLog log;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> check;

    ConnectionDeadlines(RequestClock clock, LimitLog log) {
        this.clock = clock;
        this.log = log;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        arm(clock.now());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            clock.bytesArrived(b.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    /** The timer. */
    @Override
    public void run() {
        check = null;
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = clock.now();
        switch (clock.check(now)) {
            case HEAD_TIMEOUT -> {
                log.headTimeout(ctx.channel(), clock);
                ctx.close();
            }
            case KEEPALIVE_TIMEOUT -> {
                log.keepaliveTimeout();
                ctx.close();
            }
            case WAIT -> arm(now);
        }
    }

    private void arm(long now) {
        if (ctx.channel().isOpen()) {
            check = ctx.executor().schedule(this, clock.nextCheck(now) - now, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
