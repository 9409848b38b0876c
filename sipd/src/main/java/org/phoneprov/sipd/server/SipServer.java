package org.phoneprov.sipd.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.sipd.message.SipDatagramDecoder;
import org.phoneprov.sipd.pnp.NotifyRetransmitter;
import org.phoneprov.sipd.pnp.PendingNotifies;
import org.phoneprov.sipd.pnp.PnpContext;
import org.phoneprov.sipd.pnp.PnpCounters;
import org.phoneprov.sipd.pnp.PnpDecision;
import org.phoneprov.sipd.pnp.PnpHandler;
import org.phoneprov.sipd.pnp.PnpReplies;
import org.phoneprov.sipd.pnp.ReplySocket;
import org.phoneprov.sipd.pnp.SipMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sipd's sockets. Per configured interface, a listener bound to the plug-and-play group
 * itself ({@code 224.0.1.75:5060}) and joined there: bound to the group address, it
 * receives only that group's datagrams, so a PBX on the same host keeps its own
 * {@code <address>:5060} (or shares a wildcard {@code :5060} through SO_REUSEADDR).
 * Answers leave from one unicast socket on the server's address, never from the group.
 */
public final class SipServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);
    private final DaemonConfig daemon;
    private final InetAddress replyAddress;
    private final Supplier<SipdSettings.Pnp> rules;
    private final EventSink events;
    private final SipdSettings.Pnp startRules;
    private EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private Channel reply;
    /** Made with the reply socket; every handler hands it NOTIFYs and responses (phones answer on either socket). */
    private NotifyRetransmitter notifies;
    /** Shared by every channel: they all run on the one sipd thread, so one rate budget per source. */
    private final PnpCounters counters = new PnpCounters();
    private final PnpDecision decision;
    private final PnpReplies replies = new PnpReplies();
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger("org.phoneprov.sipd"));
    private final SipDatagramDecoder decoder = new SipDatagramDecoder(counters.drops(), log, System::nanoTime);
    private final SipMetrics metrics;

    /** @param registry where its metrics go, registered now so a scrape lists them before the server binds */
    public SipServer(SuiteConfig config, Supplier<SipdSettings.Pnp> rules, EventSink events,
                     PrometheusRegistry registry) {
        this(config, rules, events, registry, new org.phoneprov.common.daemon.PairShare());
    }

    /** @param pair which phones this node answers when two nodes serve the site (dhcpd.ha) */
    public SipServer(SuiteConfig config, Supplier<SipdSettings.Pnp> rules, EventSink events,
                     PrometheusRegistry registry, org.phoneprov.common.daemon.PairShare pair) {
        this.decision = new PnpDecision(pair);
        this.daemon = config.sipd();
        this.startRules = config.sip().pnp();
        this.rules = rules;
        this.events = events;
        this.replyAddress = replyAddress(config);
        this.metrics = new SipMetrics(registry, counters);
    }

    /** Answers must name a concrete address in Via and Contact: sipd.bind when given, else suite.address. */
    public static InetAddress replyAddress(SuiteConfig config) {
        InetAddress bind = config.sipd().bind();
        return bind.isAnyLocalAddress() ? config.identity().address() : bind;
    }

    /** Opens the reply socket, then joins the group on every interface; returns the reply socket's address. */
    public synchronized InetSocketAddress start() throws Exception {
        boolean epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("sipd", false))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("sipd", false));
        InetSocketAddress replyAt = new InetSocketAddress(replyAddress, 0);
        PnpContext pnp = new PnpContext(rules, decision, replies, counters, events, log, Clock.systemUTC(),
                System::nanoTime);
        ReplySocket replySocket;
        try {
            Channel unicast = bootstrap(epoll, null).bind(replyAt).sync().channel();
            reply = unicast;
            notifies = new NotifyRetransmitter(unicast, new PendingNotifies(), counters, log, System::nanoTime);
            replySocket = new ReplySocket(unicast, () -> (InetSocketAddress) unicast.localAddress(), notifies);
            unicast.pipeline().addLast(new SipChannelInitializer(decoder, new PnpHandler(pnp, replySocket, false)));
            notifies.start();
        } catch (Exception e) {
            throw new IllegalStateException("sipd cannot open its reply socket on " + replyAddress.getHostAddress()
                    + " (" + e.getMessage() + "); it must be an address of this host: set sipd.bind or suite.address",
                    e);
        }
        channels.add(reply);
        InetAddress mcast = startRules.group();
        List<String> ifaces = startRules.interfaces().isEmpty() ? daemon.iface().map(List::of).orElse(List.of())
                : startRules.interfaces();
        if (startRules.vendors().isEmpty()) {
            LOG.warn("sipd.pnp_off (no sipd.pnp.vendors rules: plug-and-play SUBSCRIBEs are not answered)");
        }
        PnpHandler onGroup = new PnpHandler(pnp, replySocket, true);
        for (String name : ifaces) {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new IllegalStateException("sipd: no network interface '" + name + "' on this host"
                        + " (sipd.interface / sipd.pnp.interfaces)");
            }
            Channel ch;
            try {
                ch = bootstrap(epoll, new SipChannelInitializer(decoder, onGroup))
                        .bind(new InetSocketAddress(mcast, daemon.port())).sync().channel();
            } catch (Exception e) {
                throw new IllegalStateException("sipd cannot listen on " + mcast.getHostAddress() + ":" + daemon.port()
                        + " (" + e.getMessage() + "); a program holding *:" + daemon.port()
                        + " without SO_REUSEADDR blocks it", e);
            }
            channels.add(ch);
            ((DatagramChannel) ch).joinGroup(new InetSocketAddress(mcast, daemon.port()), nif).sync();
            LOG.info("sipd.joined group={}:{} interface={}", mcast.getHostAddress(), daemon.port(), name);
        }
        InetSocketAddress local = (InetSocketAddress) reply.localAddress();
        LOG.info("sipd.listening reply={}:{} pnp_rules={} allow={}", local.getAddress().getHostAddress(),
                local.getPort(), startRules.vendors().size(), startRules.allow());
        return local;
    }

    private Bootstrap bootstrap(boolean epoll, ChannelHandler handler) {
        Bootstrap b = new Bootstrap().group(group)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(handler == null ? new io.netty.channel.ChannelInboundHandlerAdapter() : handler);
        if (epoll) {
            b.channel(EpollDatagramChannel.class);
        } else {
            b.channelFactory((ChannelFactory<Channel>) () -> new NioDatagramChannel(InternetProtocolFamily.IPv4));
        }
        return b;
    }

    /** What was answered, refused, dropped, kept silent and retransmitted, for logs at stop. */
    public PnpCounters counters() {
        return counters;
    }

    /** The socket answers leave from, once started. */
    public Channel replyChannel() {
        return reply;
    }

    @Override
    public synchronized void close() {
        if (notifies != null) {
            notifies.stop();
            notifies = null;
        }
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        channels.clear();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            group = null;
        }
        metrics.close();
    }
}
