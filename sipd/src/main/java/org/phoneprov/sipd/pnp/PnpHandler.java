package org.phoneprov.sipd.pnp;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.sipd.message.Printable;
import org.phoneprov.sipd.message.SipParse;
import org.phoneprov.sipd.message.SipParser;
import org.slf4j.event.Level;

/**
 * The plug-and-play responder on one channel: the multicast group 224.0.1.75:5060
 * (Gigaset seed, "SIP-Multicast mechanism"; RFC 6080 4.2) or sipd's unicast socket.
 * Parses ({@link SipParser}), decides ({@link PnpDecision}), and for an answer writes the
 * 200 and then the NOTIFY ({@link PnpReplies}) to the SUBSCRIBE's source through the
 * unicast reply channel, recording one {@link Event}; the NOTIFY is handed to the shared
 * {@link NotifyRetransmitter}, and every response, on either kind of channel, to it before
 * being counted. Drops and silences are counted and
 * logged at most a few lines per interval ({@code sipd.drop}, {@code sipd.pnp_silence});
 * nothing a client sends can throw out of here or close the channel.
 *
 * <p>One per channel; the decision's rate buckets, the reply builder and the retransmitter
 * may be shared by handlers on the same event loop, never across threads.
 */
public final class PnpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    static final String DAEMON = "sipd";
    static final String ACTION = "PNP";
    static final String RESULT = "answered";

    private final Supplier<SipdSettings.Pnp> settings;
    private final Channel replyChannel;
    private final Supplier<InetSocketAddress> local;
    private final EventSink events;
    private final boolean multicast;
    private final PnpCounters counters;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final RateLimitedLog log;
    private final PnpDecision decision;
    private final PnpReplies replies;
    private final NotifyRetransmitter notifies;

    /**
     * @param settings     read per packet, so a reload swaps the rules
     * @param replyChannel the unicast socket answers leave from (this handler's own channel when it is that socket)
     * @param local        that socket's concrete address, for our Via and Contact (never the wildcard)
     * @param multicast    whether this channel is the group: then non-PnP requests get silence, not errors
     * @param notifies     the one retransmitter of the server, writing to the same {@code replyChannel}
     */
    public PnpHandler(Supplier<SipdSettings.Pnp> settings, Channel replyChannel, Supplier<InetSocketAddress> local,
                      EventSink events, boolean multicast, PnpCounters counters, Clock clock, LongSupplier nanoTime,
                      RateLimitedLog log, PnpDecision decision, PnpReplies replies, NotifyRetransmitter notifies) {
        this.settings = settings;
        this.replyChannel = replyChannel;
        this.local = local;
        this.events = events;
        this.multicast = multicast;
        this.counters = counters;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.log = log;
        this.decision = decision;
        this.replies = replies;
        this.notifies = notifies;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        long start = nanoTime.getAsLong();
        InetSocketAddress source = packet.sender();
        try {
            handle(ByteBufUtil.getBytes(packet.content()), source, start);
        } catch (Throwable t) {
            counters.countFailure();
            log.log(Level.WARN, "sipd.pnp_failed", "from=" + format(source) + " error=\""
                    + Printable.of(t.toString(), 200) + "\"");
        }
    }

    private void handle(byte[] datagram, InetSocketAddress source, long start) throws Exception {
        SipParse parsed = SipParser.parse(datagram);
        if (parsed instanceof SipParse.Dropped d) {
            counters.drops().increment(d.reason());
            log.log(Level.INFO, "sipd.drop", "reason=" + d.reason() + " from=" + format(source) + " bytes="
                    + datagram.length + " detail=\"" + d.detail() + "\"");
            return;
        }
        if (parsed instanceof SipParse.Response r) {
            notifies.onResponse(r.message(), start);
            counters.countResponse();
            return;
        }
        var request = ((SipParse.Request) parsed).message();
        PnpOutcome outcome = decision.decide(request, source, multicast, settings.get(), start);
        if (outcome instanceof PnpOutcome.Silence s) {
            counters.silences().increment(s.reason());
            log.log(Level.INFO, "sipd.pnp_silence", "reason=" + s.reason() + " from=" + format(source) + " method="
                    + Printable.of(request.getMethod(), 20) + (s.detail().isEmpty() ? "" : " " + s.detail()));
        } else if (outcome instanceof PnpOutcome.Refuse r) {
            send(replies.refuse(request, r.refusal(), source), source);
            replyChannel.flush();
            counters.countRefused();
            log.log(Level.INFO, "sipd.pnp_refuse", "status=" + r.refusal().status() + " from=" + format(source)
                    + " method=" + Printable.of(request.getMethod(), 20));
        } else if (outcome instanceof PnpOutcome.Answer a) {
            PnpReplies.Exchange x = replies.answer(request, a.url(), source, local.get());
            send(x.ok(), source);
            send(x.notifyRequest(), source);
            replyChannel.flush();
            notifies.sent(x, source, start);
            counters.countAnswered();
            long micros = (nanoTime.getAsLong() - start) / 1000;
            events.record(new Event(clock.instant(), DAEMON, ACTION, a.mac(), a.url(), RESULT, x.notifyRequest().length,
                    micros, Optional.of(source)));
            log.log(Level.INFO, "sipd.pnp_answer", "from=" + format(source) + " mac="
                    + a.mac().map(Object::toString).orElse("-") + " rule=" + a.rule().name() + " url=\""
                    + Printable.of(a.url(), 200) + "\"");
        }
    }

    /** Written in order on one channel, so the 200 leaves before the NOTIFY (RFC 6665 4.2.1 allows either). */
    private void send(byte[] datagram, InetSocketAddress to) {
        send(replyChannel, log, datagram, to);
    }

    /** Writes without flushing; a failure is logged, never thrown. */
    static void send(Channel replyChannel, RateLimitedLog log, byte[] datagram, InetSocketAddress to) {
        replyChannel.write(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to)).addListener(
                (ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        log.log(Level.WARN, "sipd.send_failed", "to=" + format(to) + " error=\""
                                + Printable.of(String.valueOf(f.cause()), 200) + "\"");
                    }
                });
    }

    /** A UDP channel keeps serving whatever a client sent. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.log(Level.WARN, "sipd.pnp_error", "error=\"" + Printable.of(String.valueOf(cause), 200) + "\"");
    }

    static String format(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
    }
}
