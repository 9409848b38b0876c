package org.phoneprov.dhcpd.server;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.phoneprov.common.config.SubnetConfig;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.dhcpd.classify.Classification;
import org.phoneprov.dhcpd.classify.Classifier;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.codec.DhcpOptions;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.dhcpd.lease.Allocator;
import org.phoneprov.dhcpd.lease.Decision;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.Offer;
import org.phoneprov.dhcpd.options.Assembled;
import org.phoneprov.dhcpd.options.OptionAssembler;

/**
 * RFC 2131 section 4.3 as plain Java: one request in, one {@link Outcome} out, no
 * sockets. Single-threaded by contract (the dhcpd event loop), like the allocator.
 */
public final class DhcpProcessor {
    private final SuiteConfig config;
    private final Allocator allocator;
    private final Classifier classifier;
    private final OptionAssembler assembler;
    private final SubnetSelector subnets;
    private final int serverId;
    /** Subnet ids (their CIDR text) computed once, not per packet. */
    private final Map<SubnetConfig, String> ids = new java.util.IdentityHashMap<>();

    public DhcpProcessor(SuiteConfig config, Allocator allocator, Classifier classifier, OptionAssembler assembler,
                         SubnetSelector subnets, int serverId) {
        this.config = config;
        this.allocator = allocator;
        this.classifier = classifier;
        this.assembler = assembler;
        this.subnets = subnets;
        this.serverId = serverId;
        config.dhcp().subnets().forEach(s -> ids.put(s, id(s)));
    }

    /** The allocator it decides with (one for the server's life; a reload makes a new processor over it). */
    Allocator allocator() {
        return allocator;
    }

    private String idOf(SubnetConfig s) {
        return ids.computeIfAbsent(s, DhcpProcessor::id);
    }

    public Outcome process(DhcpMessage request) {
        Optional<MessageType> type = request.messageType();
        Optional<Mac> mac = request.mac();
        if (type.isEmpty() || mac.isEmpty()) {
            return new Outcome.Silent(Silence.NOT_ETHERNET, "not an Ethernet DHCP request");
        }
        MessageType t = type.get();
        if (t.equals(MessageType.DISCOVER)) {
            return discover(request, mac.get());
        } else if (t.equals(MessageType.REQUEST)) {
            return request(request, mac.get());
        } else if (t.equals(MessageType.INFORM)) {
            return inform(request, mac.get());
        } else if (t.equals(MessageType.RELEASE)) {
            return release(request, mac.get());
        } else if (t.equals(MessageType.DECLINE)) {
            return decline(request, mac.get());
        }
        return new Outcome.Silent(Silence.NOT_FOR_SERVER, "message type " + t + " is not for a server");
    }

    /** 4.3.1: choose an address, hold it, offer it with the class's options. */
    private Outcome discover(DhcpMessage req, Mac mac) {
        Optional<SubnetConfig> subnet = subnets.select(req.giaddr(), 0);
        if (subnet.isEmpty()) {
            return new Outcome.Silent(Silence.NO_SUBNET, "no subnet for " + where(req));
        }
        Classification c = classify(req, mac);
        OptionalInt requested = req.requestedIp().map(OptionalInt::of).orElse(OptionalInt.empty());
        Offer offer = allocator.offer(idOf(subnet.get()), mac, requested);
        if (offer instanceof Offer.Exhausted) {
            return new Outcome.Silent(Silence.POOL_EXHAUSTED, "pool exhausted in " + idOf(subnet.get()));
        }
        if (!(offer instanceof Offer.Address a)) {
            return new Outcome.Silent(Silence.NO_SUBNET, "no subnet " + idOf(subnet.get()) + " in the allocator");
        }
        DhcpMessage reply = answer(req, MessageType.OFFER, subnet.get(), c, a.address(), leaseSeconds(subnet.get(), c),
                false);
        return new Outcome.Reply(reply, ReplyRouting.of(req.giaddr(), 0, false), Optional.empty(), "OFFER",
                c.className());
    }

    /** 4.3.2: SELECTING (server id present), INIT-REBOOT (requested address), RENEWING/REBINDING (ciaddr). */
    private Outcome request(DhcpMessage req, Mac mac) {
        Optional<Integer> sid = req.serverId();
        if (sid.isPresent() && sid.get() != serverId) {
            return new Outcome.Silent(Silence.OTHER_SERVER, "the client chose another server");
        }
        int address = req.requestedIp().orElse(req.ciaddr());
        if (address == 0) {
            return new Outcome.Silent(Silence.NO_ADDRESS, "REQUEST names no address");
        }
        Optional<SubnetConfig> subnet = subnets.select(req.giaddr(), req.ciaddr());
        if (subnet.isEmpty()) {
            return new Outcome.Silent(Silence.NO_SUBNET, "no subnet for " + where(req));
        }
        Classification c = classify(req, mac);
        long lease = leaseSeconds(subnet.get(), c);
        Decision d = allocator.request(idOf(subnet.get()), mac, address, lease * 1000L, c.className());
        if (d instanceof Decision.Ack ack) {
            DhcpMessage reply = answer(req, MessageType.ACK, subnet.get(), c, ack.lease().address(), lease, false);
            return new Outcome.Reply(reply, ReplyRouting.of(req.giaddr(), req.ciaddr(), false),
                    Optional.of(ack.lease()), "ACK", c.className());
        }
        if (d instanceof Decision.Nak nak) {
            DhcpOptions.Builder nakOptions = DhcpOptions.builder()
                    .putByte(DhcpOption.MESSAGE_TYPE.code(), MessageType.NAK.code())
                    .putIp(DhcpOption.SERVER_ID.code(), serverId)
                    .putString(DhcpOption.MESSAGE.code(), nak.reason());
            DhcpOptions o = echoClientAndRelay(req, nakOptions).build();
            // Through a relay, a NAK asks for broadcast: the client has no usable address (4.1).
            DhcpMessage reply = DhcpMessage.reply(req).options(o).broadcast(req.giaddr() != 0 || req.broadcast())
                    .build();
            return new Outcome.Reply(reply, ReplyRouting.of(req.giaddr(), req.ciaddr(), true), Optional.empty(),
                    "NAK", c.className());
        }
        return new Outcome.Silent(Silence.NO_SUBNET, ((Decision.Ignore) d).reason());
    }

    /** 4.3.5: options for a client that has its address already; no lease, no yiaddr. */
    private Outcome inform(DhcpMessage req, Mac mac) {
        if (req.ciaddr() == 0) {
            return new Outcome.Silent(Silence.NO_ADDRESS, "INFORM without ciaddr");
        }
        Optional<SubnetConfig> subnet = subnets.select(req.giaddr(), req.ciaddr());
        if (subnet.isEmpty()) {
            return new Outcome.Silent(Silence.NO_SUBNET, "no subnet for " + where(req));
        }
        Classification c = classify(req, mac);
        DhcpMessage reply = answer(req, MessageType.ACK, subnet.get(), c, 0, 0, true);
        return new Outcome.Reply(reply, ReplyRouting.of(req.giaddr(), req.ciaddr(), false), Optional.empty(),
                "ACK", c.className());
    }

    /** 4.3.4: the client gives its address back. */
    private Outcome release(DhcpMessage req, Mac mac) {
        return allocator.release(mac, req.ciaddr()).<Outcome>map(l -> new Outcome.CommitOnly(l, "RELEASED"))
                .orElseGet(() -> new Outcome.Silent(Silence.NOT_HELD, "RELEASE of an address this client does not hold"));
    }

    /** 4.3.3: the address is in use by someone else; set it aside. */
    private Outcome decline(DhcpMessage req, Mac mac) {
        if (req.serverId().isPresent() && req.serverId().get() != serverId) {
            return new Outcome.Silent(Silence.OTHER_SERVER, "DECLINE meant for another server");
        }
        return req.requestedIp().flatMap(a -> allocator.decline(mac, a))
                .<Outcome>map(l -> new Outcome.CommitOnly(l, "DECLINED"))
                .orElseGet(() -> new Outcome.Silent(Silence.NOT_HELD, "DECLINE of an address this client was not given"));
    }

    /** An OFFER or ACK: fixed fields (RFC 2131 table 3), then 53, 54 and the class's options. */
    private DhcpMessage answer(DhcpMessage req, MessageType type, SubnetConfig subnet, Classification c, int yiaddr,
                               long leaseSeconds, boolean inform) {
        Assembled a = assembler.assemble(subnet, c, req.parameterRequestList(), leaseSeconds, inform);
        DhcpOptions.Builder o = DhcpOptions.builder()
                .putByte(DhcpOption.MESSAGE_TYPE.code(), type.code())
                .putIp(DhcpOption.SERVER_ID.code(), serverId);
        for (Map.Entry<Integer, byte[]> e : a.options().entrySet()) {
            o.put(e.getKey(), e.getValue());
        }
        DhcpMessage.Builder b = DhcpMessage.reply(req).yiaddr(yiaddr).siaddr(a.nextServer())
                .options(echoClientAndRelay(req, o).build());
        if (inform || type.equals(MessageType.ACK)) {
            b.ciaddr(req.ciaddr());
        }
        a.file().ifPresent(f -> b.file(f));
        a.sname().ifPresent(s -> b.sname(s));
        return b.build();
    }

    /**
     * RFC 6842: the client identifier (61) goes back as sent, so a client can match the
     * reply; RFC 3046 2.2: the relay's option 82 goes back unchanged, last, so the relay
     * can route the reply.
     */
    private static DhcpOptions.Builder echoClientAndRelay(DhcpMessage req, DhcpOptions.Builder o) {
        req.options().get(DhcpOption.CLIENT_ID.code()).ifPresent(v -> o.put(DhcpOption.CLIENT_ID.code(), v));
        int relay = DhcpOption.RELAY_AGENT_INFO.code();
        req.options().get(relay).ifPresent(v -> o.remove(relay).put(relay, v));
        return o;
    }

    private Classification classify(DhcpMessage req, Mac mac) {
        return classifier.classify(mac, req.options().get(DhcpOption.VENDOR_CLASS.code()),
                req.options().get(DhcpOption.USER_CLASS.code()));
    }

    private long leaseSeconds(SubnetConfig subnet, Classification c) {
        return c.deviceClass().flatMap(k -> k.dhcp().leaseSeconds())
                .or(subnet::leaseSeconds)
                .orElse(config.dhcp().leaseSeconds());
    }

    static String id(SubnetConfig s) {
        return s.subnet().toString();
    }

    private static String where(DhcpMessage req) {
        return req.giaddr() != 0 ? "relay " + Ip4.toString(req.giaddr()) : "the local link";
    }

}
