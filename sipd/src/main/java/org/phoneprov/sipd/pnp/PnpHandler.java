package org.phoneprov.sipd.pnp;

import gov.nist.javax.sip.message.SIPRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.sipd.message.Printable;
import org.phoneprov.sipd.message.SipDatagramDecoder;
import org.phoneprov.sipd.message.SipInbound;
import org.phoneprov.sipd.message.SipParse;
import org.slf4j.event.Level;

/**
 * The plug-and-play responder behind a {@link SipDatagramDecoder}, on the multicast group
 * 224.0.1.75:5060 (Gigaset seed, "SIP-Multicast mechanism"; RFC 6080 4.2) or on sipd's
 * unicast socket. Decides ({@link PnpDecision}), and for an answer writes the 200 and then
 * the NOTIFY ({@link PnpReplies}) to the SUBSCRIBE's source through the {@link ReplySocket},
 * recording one {@link Event}; the NOTIFY is handed to the shared {@link NotifyRetransmitter},
 * and every response, on either kind of channel, to it before being counted. Silences are
 * counted and logged at most a few lines per interval ({@code sipd.pnp_silence}); nothing a
 * client sends can throw out of here or close the channel.
 *
 * <p>Sharable: it holds no state of a channel, and every channel runs on the one sipd event loop.
 */
@Sharable
public final class PnpHandler extends SimpleChannelInboundHandler<SipInbound> {
    static final String DAEMON = "sipd";
    static final String ACTION = "PNP";
    static final String RESULT = "answered";

    private final PnpContext pnp;
    private final ReplySocket reply;
    private final boolean multicast;

    /** @param multicast whether its channels are the group: then non-PnP requests get silence, not errors */
    public PnpHandler(PnpContext pnp, ReplySocket reply, boolean multicast) {
        this.pnp = pnp;
        this.reply = reply;
        this.multicast = multicast;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SipInbound in) {
        try {
            handle(in);
        } catch (Throwable t) {
            pnp.counters().countFailure();
            pnp.log().log(Level.WARN, "sipd.pnp_failed", "from=" + Printable.address(in.sender()) + " error=\""
                    + Printable.of(t.toString(), 200) + "\"");
        }
    }

    private void handle(SipInbound in) throws Exception {
        long start = in.receivedNanos();
        InetSocketAddress source = in.sender();
        if (in.message() instanceof SipParse.Response r) {
            reply.notifies().onResponse(r.message(), start);
            pnp.counters().countResponse();
            return;
        }
        SIPRequest request = ((SipParse.Request) in.message()).message();
        PnpOutcome outcome = pnp.decision().decide(request, source, multicast, pnp.settings().get(), start);
        if (outcome instanceof PnpOutcome.Silence s) {
            pnp.counters().silences().increment(s.reason());
            pnp.log().log(Level.INFO, "sipd.pnp_silence", "reason=" + s.reason() + " from=" + Printable.address(source)
                    + " method=" + Printable.of(request.getMethod(), 20) + (s.detail().isEmpty() ? "" : " " + s.detail()));
        } else if (outcome instanceof PnpOutcome.Refuse r) {
            send(pnp.replies().refuse(request, r.refusal(), source), source);
            reply.channel().flush();
            pnp.counters().countRefused();
            pnp.log().log(Level.INFO, "sipd.pnp_refuse", "status=" + r.refusal().status() + " from="
                    + Printable.address(source) + " method=" + Printable.of(request.getMethod(), 20));
        } else if (outcome instanceof PnpOutcome.Answer a) {
            PnpReplies.Exchange x = pnp.replies().answer(request, a.url(), source, reply.local().get());
            send(x.ok(), source);
            send(x.notifyRequest(), source);
            reply.channel().flush();
            reply.notifies().sent(x, source, start);
            pnp.counters().countAnswered();
            long micros = (pnp.nanoTime().getAsLong() - start) / 1000;
            pnp.events().record(new Event(pnp.clock().instant(), DAEMON, ACTION, a.mac(), a.url(), RESULT,
                    x.notifyRequest().length, micros, Optional.of(source)));
            pnp.log().log(Level.INFO, "sipd.pnp_answer", "from=" + Printable.address(source) + " mac="
                    + a.mac().map(Object::toString).orElse("-") + " rule=" + a.rule().name() + " url=\""
                    + Printable.of(a.url(), 200) + "\"");
        }
    }

    /** Written in order on one channel, so the 200 leaves before the NOTIFY (RFC 6665 4.2.1 allows either). */
    private void send(byte[] datagram, InetSocketAddress to) {
        send(reply.channel(), pnp.log(), datagram, to);
    }

    /** Writes without flushing; a failure is logged, never thrown. */
    static void send(Channel replyChannel, RateLimitedLog log, byte[] datagram, InetSocketAddress to) {
        replyChannel.write(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to)).addListener(
                (ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        log.log(Level.WARN, "sipd.send_failed", "to=" + Printable.address(to) + " error=\""
                                + Printable.of(String.valueOf(f.cause()), 200) + "\"");
                    }
                });
    }

    /** A UDP channel keeps serving whatever a client sent. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        pnp.log().log(Level.WARN, "sipd.pnp_error", "error=\"" + Printable.of(String.valueOf(cause), 200) + "\"");
    }
}
