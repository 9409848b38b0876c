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
import java.util.concurrent.CompletableFuture;
import org.phoneprov.dhcpd.ha.HaNode;
import org.phoneprov.dhcpd.ha.HaUpdate;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseConflict;
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
    private final Optional<HaNode> ha;
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

    DhcpHandler(DhcpProcessor processor, Optional<HaNode> ha, LeaseStore store, EventSink events, AddressBook addresses, TokenBuckets guard,
                RateLimitedLog log, RateLimitedLog rare, DhcpMetrics metrics) {
        super(false);
        this.ha = ha;
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
        if (ha.isPresent() && !ha.get().answers(req)) {
            metrics.silent(Silence.HA_NOT_MINE);
            ha.get().notAnswered(req);
            log.log(Level.DEBUG, "dhcpd.silent", "mac=" + req.mac().map(Mac::colon).orElse("-")
                    + " reason=\"ha: not this node's client in state " + ha.get().state().word() + "\"");
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
            CompletableFuture<HaUpdate> partner = ha.map(h -> h.replicate(lease))
                    .orElse(CompletableFuture.completedFuture(HaUpdate.NOT_SENT));
            // As in Kea: while the pair is healthy, the ACK waits for the partner too.
            boolean waits = ha.isPresent() && ha.get().waitsForPartner();
            if (!waits) {
                partner.thenAccept(u -> ctx.channel().eventLoop().execute(() -> lateConflict(lease, u)));
            }
            CompletableFuture<HaUpdate> gate = waits ? partner : CompletableFuture.completedFuture(HaUpdate.NOT_SENT);
            // A fixed address: the inventory wins, also over another client's row in a shared store.
            CompletableFuture<Void> stored = processor.allocator().isFixed(lease.mac(), lease.address())
                    ? store.commitOver(lease) : store.commit(lease);
            stored.thenCombine(gate, (ignored, u) -> u).whenComplete((u, err) ->
                    ctx.channel().eventLoop().execute(() -> {
                if (err == null && !u.refused()) {
                    addresses.bind(lease.address(), lease.mac());
                    writeSoon(ctx, out);
                    sent(reply.reply(), req, key);
                    event(action, req, lease.address(), reply.result(), start, r.sender());
                } else if (err != null && cause(err) instanceof LeaseConflict conflict) {
                    refuse(lease, conflict.holder(), "the shared store: " + conflict.getMessage());
                    event(action, req, lease.address(), "conflict", start, r.sender());
                } else if (err == null && u.result() == HaUpdate.Result.CONFLICT) {
                    u.holder().ifPresent(store::commit); // the partner's lease is the one this file keeps
                    refuse(lease, u.holder().orElse(null), "the HA partner holds it for "
                            + u.holder().map(h -> h.mac().colon()).orElse("another client"));
                    event(action, req, lease.address(), "conflict", start, r.sender());
                } else if (err == null) {
                    metrics.silent(Silence.LEASE_CONFLICT);
                    rare.log(Level.WARN, "dhcpd.partner_unanswered", "address=" + Ip4.toString(lease.address())
                            + " (no ACK this time: the partner did not take the lease update; the client's retry"
                            + " goes through once the partner is known to be in doubt)");
                    event(action, req, lease.address(), "partner-unanswered", start, r.sender());
                } else {
                    metrics.commitFailed();
                    rare.log(Level.ERROR, "dhcpd.commit_failed", "address=" + Ip4.toString(lease.address())
                            + " error=\"" + cause(err).getMessage() + "\" (no ACK sent: a lease is never promised unstored)");
                    event(action, req, lease.address(), "commit-failed", start, r.sender());
                }
            }));
        } else if (o instanceof Outcome.CommitOnly c) {
            addresses.unbind(c.lease().address(), c.lease().mac());
            ha.ifPresent(h -> h.replicate(c.lease()));
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
     * The address is someone else's after all: no ACK; the allocator forgets its decision and
     * learns the holder, so the client's next DISCOVER is offered another address.
     */
    private void refuse(Lease lease, Lease holder, String why) {
        metrics.silent(Silence.LEASE_CONFLICT);
        // What HA and a shared store overrule after the processor's decision.
        processor.allocator().revoke(lease);
        if (holder != null) {
            processor.allocator().apply(holder);
        }
        rare.log(Level.WARN, "dhcpd.lease_conflict", "address=" + Ip4.toString(lease.address()) + " mac="
                + lease.mac().colon() + " reason=\"" + why + "\" (no ACK; the client will be offered another address)");
    }

    /** A partner's answer that came after the ACK left (the pair was in doubt): learn, and say so. */
    private void lateConflict(Lease lease, HaUpdate u) {
        if (u.result() == HaUpdate.Result.CONFLICT && u.holder().isPresent()) {
            rare.log(Level.ERROR, "dhcpd.lease_conflict_after_ack", "address=" + Ip4.toString(lease.address())
                    + " ours=" + lease.mac().colon() + " partner=" + u.holder().get().mac().colon()
                    + " (both nodes served alone; the partner's lease is kept where configs share no store)");
        }
    }

    private static Throwable cause(Throwable t) {
        Throwable c = t;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
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
