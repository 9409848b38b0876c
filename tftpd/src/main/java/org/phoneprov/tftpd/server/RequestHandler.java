package org.phoneprov.tftpd.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.tftpd.codec.TftpInbound;
import org.phoneprov.tftpd.codec.TftpMalformed;
import org.phoneprov.tftpd.codec.TftpOutbound;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.slf4j.event.Level;

/**
 * Port 69, thin: a malformed request gets the ERROR the decoder chose; anything else goes
 * to the {@link RequestProcessor}, and its outcome is carried out: a transfer started on
 * its own port, an ERROR and its event, or silence.
 */
@Sharable
final class RequestHandler extends SimpleChannelInboundHandler<Object> {
    static final String DAEMON = "tftpd";
    private final RequestProcessor processor;
    private final EventSink events;
    private final TransferStarter starter;
    private final RateLimitedLog log;
    private final TftpMetrics metrics;

    /** Opens the per-transfer channel; the server owns the event loops. */
    interface TransferStarter {
        void start(ReadTransfer transfer, InetSocketAddress client, Consumer<ReadTransfer> onEnd);
    }

    RequestHandler(RequestProcessor processor, EventSink events, TransferStarter starter, RateLimitedLog log,
                   TftpMetrics metrics) {
        this.processor = processor;
        this.metrics = metrics;
        this.events = events;
        this.starter = starter;
        this.log = log;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TftpMalformed m) {
            ctx.writeAndFlush(new TftpOutbound(m.answer(), m.sender()));
            return;
        }
        TftpInbound in = (TftpInbound) msg;
        RequestOutcome o = processor.process(in.packet(), in.sender(), System.nanoTime());
        if (o instanceof RequestOutcome.Start s) {
            starter.start(s.transfer(), s.client(), done -> ended(s));
        } else if (o instanceof RequestOutcome.Refuse r) {
            metrics.refused(r.why());
            r.note().ifPresent(n -> log.log(n.level(), n.event(), n.detail()));
            ctx.writeAndFlush(new TftpOutbound(new TftpPacket.Error(r.code(), r.message()), in.sender()));
            events.record(new Event(Instant.now(), DAEMON, r.action(), Optional.empty(), r.name(),
                    "error:" + r.code().code(), 0, 0, Optional.of(in.sender())));
        }
        // RequestOutcome.Drop: silence, as the RFC wants for packets of no transfer.
    }

    private void ended(RequestOutcome.Start s) {
        processor.ended(s);
        long nanos = System.nanoTime() - s.startNanos();
        metrics.ended(s.transfer(), nanos);
        events.record(new Event(Instant.now(), DAEMON, "RRQ", s.device(), s.name(), s.result(),
                s.transfer().bytesSent(), nanos / 1000, Optional.of(s.client())));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.log(Level.WARN, "tftpd.error", "error=\"" + cause + "\"");
    }
}
