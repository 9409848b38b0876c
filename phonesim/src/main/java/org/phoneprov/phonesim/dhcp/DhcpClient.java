package org.phoneprov.phonesim.dhcp;

import java.net.Inet4Address;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone's DHCP client (RFC 2131 3.1): DISCOVER, take the first usable OFFER,
 * REQUEST it, wait for the ACK. Every wait is bounded by {@link DhcpTiming}; a NAK, or
 * a REQUEST nobody answers, starts over from DISCOVER with a new xid (RFC 2131 3.1
 * steps 4–5), at most {@code maxRestarts} times. A reply that is malformed, not for this
 * MAC or not the expected type is ignored and the client retransmits.
 *
 * <p>Holds no per-phone state: one client serves many phones at once, the transport
 * tells their replies apart by xid.
 */
public final class DhcpClient {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpClient.class);
    private final DhcpTransport transport;
    private final IntSupplier xids;
    private final LongSupplier nanoTime;

    public DhcpClient(DhcpTransport transport) {
        this(transport, new SecureRandom()::nextInt, System::nanoTime);
    }

    /** With a chosen xid source and clock, for tests. */
    public DhcpClient(DhcpTransport transport, IntSupplier xids, LongSupplier nanoTime) {
        this.transport = transport;
        this.xids = xids;
        this.nanoTime = nanoTime;
    }

    public DhcpResult obtain(PhoneIdentity id, boolean vlanEnabled, DhcpTiming timing) {
        long start = nanoTime.getAsLong();
        Counters c = new Counters();
        boolean lastWasNak = false;
        for (int round = 0; round <= timing.maxRestarts(); round++) {
            int xid = xids.getAsInt();
            Optional<DhcpReply> offer = await(DhcpMessages.discover(id, xid, vlanEnabled), xid, id, timing, c,
                    MessageType.OFFER.code());
            if (offer.isEmpty()) {
                return done(DhcpResult.Outcome.NO_OFFER, Optional.empty(), c, start,
                        "no OFFER after " + timing.waits().size() + " DISCOVERs");
            }
            Inet4Address server = offer.get().serverId().orElseThrow(); // usable() checked it
            Optional<DhcpReply> answer = await(DhcpMessages.request(id, xid, vlanEnabled, offer.get().yiaddr(), server),
                    xid, id, timing, c, MessageType.ACK.code());
            if (answer.isPresent() && answer.get().messageType() == MessageType.ACK.code()) {
                DhcpLease lease = DhcpLease.of(answer.get(), server);
                LOG.debug("dhcp.leased phone={} address={} server={}", id, lease.address().getHostAddress(),
                        lease.serverId().getHostAddress());
                return done(DhcpResult.Outcome.LEASED, Optional.of(lease), c, start,
                        "leased " + lease.address().getHostAddress() + " from " + lease.serverId().getHostAddress());
            }
            lastWasNak = answer.isPresent();
            if (lastWasNak) {
                c.naks++;
                LOG.debug("dhcp.nak phone={} offered={}", id, offer.get().yiaddr().getHostAddress());
            }
        }
        return lastWasNak
                ? done(DhcpResult.Outcome.TOO_MANY_NAKS, Optional.empty(), c, start,
                        "NAKed " + c.naks + " times, gave up after " + timing.maxRestarts() + " restarts")
                : done(DhcpResult.Outcome.NO_ACK, Optional.empty(), c, start,
                        "no ACK after " + (timing.maxRestarts() + 1) + " offers");
    }

    /**
     * Sends {@code message} once per wait until a reply of type {@code want} (or, for a
     * REQUEST, a NAK) for this phone arrives.
     */
    private Optional<DhcpReply> await(byte[] message, int xid, PhoneIdentity id, DhcpTiming timing, Counters c,
                                      int want) {
        for (Duration wait : timing.waits()) {
            c.sent++;
            Optional<byte[]> bytes = transport.exchange(message, xid, wait);
            if (bytes.isEmpty()) {
                continue;
            }
            DhcpReplyParser.Result r = DhcpReplyParser.parse(bytes.get());
            if (!(r instanceof DhcpReplyParser.Parsed p)) {
                c.ignored++;
                LOG.debug("dhcp.reply.malformed phone={} reason={}", id, ((DhcpReplyParser.Malformed) r).reason());
                continue;
            }
            DhcpReply reply = p.reply();
            boolean nakForRequest = want == MessageType.ACK.code() && reply.messageType() == MessageType.NAK.code();
            if (reply.xid() == xid && reply.chaddr().equals(id.mac())
                    && (nakForRequest || (reply.messageType() == want && usable(reply)))) {
                return Optional.of(reply);
            }
            c.ignored++;
        }
        return Optional.empty();
    }

    /** An OFFER or ACK the phone can use: an address, and for an OFFER a server to REQUEST from. */
    private static boolean usable(DhcpReply r) {
        boolean hasAddress = !r.yiaddr().isAnyLocalAddress();
        return hasAddress && (r.messageType() != MessageType.OFFER.code() || r.serverId().isPresent());
    }

    private DhcpResult done(DhcpResult.Outcome o, Optional<DhcpLease> lease, Counters c, long start, String detail) {
        return new DhcpResult(o, lease, c.sent, c.naks, c.ignored, Duration.ofNanos(nanoTime.getAsLong() - start),
                detail);
    }

    private static final class Counters {
        int sent;
        int naks;
        int ignored;
    }
}
