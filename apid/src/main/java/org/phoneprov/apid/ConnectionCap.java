package org.phoneprov.apid;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.event.Level;

/**
 * At most {@link #MAX} connections to the API at once: callers are an admin, a dashboard or
 * two, a scraper; a client that opens thousands (or trickles bytes into each) is closed at
 * accept once the cap is reached, with a rate-limited line so a flood cannot fill the journal.
 */
@ChannelHandler.Sharable
final class ConnectionCap extends ChannelInboundHandlerAdapter {
    static final int MAX = 256;
    private final AtomicInteger open = new AtomicInteger();
    private final RateLimitedLog log = new RateLimitedLog(org.slf4j.LoggerFactory.getLogger(ConnectionCap.class));

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > MAX) {
            log.log(Level.WARN, "api.connection_limit", "client=" + ctx.channel().remoteAddress() + " max=" + MAX
                    + " (connection closed)");
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }

    int open() {
        return open.get();
    }
}
