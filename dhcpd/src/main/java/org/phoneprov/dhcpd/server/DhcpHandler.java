package org.phoneprov.dhcpd.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.guard.TokenBuckets;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.AddressBook;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.codec.DhcpReply;
import org.phoneprov.dhcpd.codec.DhcpRequest;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseStore;
import org.slf4j.event.Level;

/**
 * Thin: admits the request past the rate guard, asks the processor, and carries out
 * the outcome. An ACK leaves only after its lease is durable in the store.
 */
@Sharable
final class DhcpHandler extends SimpleChannelInboundHandler<DhcpRequest> {
    static final String DAEMON = "dhcpd";
    private DhcpProcessor processor;
    private final LeaseStore store;
    private final EventSink events;
    private final TokenBuckets guard;
    private final RateLimitedLog log;
    private final RateLimitedLog rare;
    private final DhcpMetrics metrics;
    /** Times each OFFER to its ACK; 64k clients in a boot storm, a few MB at most. */
    private final OfferClock offers = new OfferClock(65_536);
    /** A flush is queued on the event loop; replies written meanwhile go out with it (sendmmsg). */
    private boolean flushQueued;

    private final AddressBook addresses;

    DhcpHandler(DhcpProcessor processor, LeaseStore store, EventSink events, AddressBook addresses, TokenBuckets guard,
                RateLimitedLog log, RateLimitedLog rare, DhcpMetrics metrics) {
        super(false);
        this.addresses = addresses;
        this.metrics = metrics;
        this.processor = processor;
        this.store = store;
        this.events = events;
        this.guard = guard;
        this.log = log;
        this.rare = rare;
    }

    /** A reloaded config's classes and options; called on the event loop, like every request. */
    void processor(DhcpProcessor next) {
        this.processor = next;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DhcpRequest r) {
        long start = System.nanoTime();
        DhcpMessage req = r.message();
        req.messageType().ifPresent(metrics::received);
        long key = req.mac().map(Mac::value).orElse(-1L);
        TokenBuckets.Verdict v = guard.admit(key, start);
        if (v != TokenBuckets.Verdict.PASS) {
            metrics.silent(Silence.RATE_LIMITED);
            rare.log(Level.WARN, "dhcpd.rate_limited", "limit=" + v.name().toLowerCase(java.util.Locale.ROOT)
                    + " mac=" + req.mac().map(Mac::colon).orElse("-") + " from=" + r.sender());
            return;
        }
        Outcome o = processor.process(req);
        String action = req.messageType().map(Object::toString).orElse("BOOTP");
        if (o instanceof Outcome.Reply reply) {
            InetSocketAddress to = destination(reply.destination(), req, r.sender());
            DhcpReply out = new DhcpReply(reply.reply(), to, req.maxMessageSize());
            if (reply.commitFirst().isEmpty()) {
                ctx.write(out);
                sent(reply.reply(), req, key);
                event(action, req, reply.reply().yiaddr() != 0 ? reply.reply().yiaddr() : req.ciaddr(), reply.result(),
                        start, r.sender());
                return;
            }
            Lease lease = reply.commitFirst().get();
            store.commit(lease).whenComplete((ok, err) -> ctx.channel().eventLoop().execute(() -> {
                if (err == null) {
                    addresses.bind(lease.address(), lease.mac());
                    writeSoon(ctx, out);
                    sent(reply.reply(), req, key);
                    event(action, req, lease.address(), reply.result(), start, r.sender());
                } else {
                    metrics.commitFailed();
                    rare.log(Level.ERROR, "dhcpd.commit_failed", "address=" + Ip4.toString(lease.address())
                            + " error=\"" + err.getMessage() + "\" (no ACK sent: a lease is never promised unstored)");
                    event(action, req, lease.address(), "commit-failed", start, r.sender());
                }
            }));
        } else if (o instanceof Outcome.CommitOnly c) {
            addresses.unbind(c.lease().address(), c.lease().mac());
            store.commit(c.lease()).whenComplete((ok, err) -> {
                if (err != null) {
                    metrics.commitFailed();
                    rare.log(Level.ERROR, "dhcpd.commit_failed", "address=" + Ip4.toString(c.lease().address())
                            + " error=\"" + err.getMessage() + "\"");
                }
            });
            event(action, req, c.lease().address(), c.result(), start, r.sender());
        } else {
            Outcome.Silent s = (Outcome.Silent) o;
            metrics.silent(s.why());
            if (s.why() == Silence.POOL_EXHAUSTED) {
                rare.log(Level.WARN, "dhcpd.pool_exhausted", "reason=\"" + s.reason() + "\"");
            } else {
                log.log(Level.DEBUG, "dhcpd.silent", "type=" + action + " mac=" + req.mac().map(Mac::colon).orElse("-")
                        + " reason=\"" + s.reason() + "\"");
            }
            event(action, req, req.ciaddr(), "silent", start, r.sender());
        }
    }

    /**
     * Counts a reply as it is written, and times OFFER→ACK: an OFFER starts the clock of its
     * client, the ACK to a SELECTING REQUEST (one that names a server) stops it; a NAK only
     * stops it. ACKs to renewals and INFORMs are not part of the exchange being timed.
     */
    private void sent(DhcpMessage reply, DhcpMessage req, long mac) {
        MessageType type = reply.messageType().orElse(null);
        if (type == null) {
            return;
        }
        metrics.sent(type);
        if (type.equals(MessageType.OFFER)) {
            offers.offered(mac, System.nanoTime());
        } else if (type.equals(MessageType.NAK)) {
            offers.answered(mac, System.nanoTime());
        } else if (type.equals(MessageType.ACK) && req.serverId().isPresent()) {
            long nanos = offers.answered(mac, System.nanoTime());
            if (nanos >= 0) {
                metrics.offerToAck(nanos);
            }
        }
    }

    /** Replies to a read burst leave together when the burst is done. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    /**
     * ACKs arrive in groups when a group commit completes; each is written, and one flush
     * queued behind them sends the whole group in as few system calls as possible.
     */
    private void writeSoon(ChannelHandlerContext ctx, DhcpReply out) {
        ctx.write(out);
        if (!flushQueued) {
            flushQueued = true;
            ctx.channel().eventLoop().execute(() -> {
                flushQueued = false;
                ctx.flush();
            });
        }
    }

    private static InetSocketAddress destination(ReplyRouting.Destination d, DhcpMessage req, InetSocketAddress from) {
        int port = d.port();
        if (req.giaddr() != 0 && from != null && req.options().get(DhcpOption.RELAY_AGENT_INFO.code())
                .map(ReplyRouting::wantsSourcePort).orElse(false)) {
            port = from.getPort();
        }
        return new InetSocketAddress(Ip4.toInet(d.address()), port);
    }

    private void event(String action, DhcpMessage req, int address, String result, long start, InetSocketAddress from) {
        events.record(new Event(Instant.now(), DAEMON, action, req.mac(), address == 0 ? "" : Ip4.toString(address),
                result, 0, (System.nanoTime() - start) / 1000, Optional.ofNullable(from)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP server keeps serving whatever one packet did.
        rare.log(Level.WARN, "dhcpd.error", "error=\"" + cause + "\"");
    }
}
