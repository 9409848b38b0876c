package org.phoneprov.dhcpd.server;

import org.phoneprov.common.net.Ip4;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.RawUnixChannelOption;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.dhcpd.ha.HaNode;
import org.phoneprov.common.config.SubnetConfig;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.AddressBook;
import org.phoneprov.dhcpd.classify.Classifier;
import org.phoneprov.dhcpd.codec.DhcpDatagramDecoder;
import org.phoneprov.dhcpd.codec.DhcpDatagramEncoder;
import org.phoneprov.dhcpd.codec.DropCounters;
import org.phoneprov.common.guard.TokenBuckets;
import org.phoneprov.dhcpd.lease.Allocator;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseStore;
import org.phoneprov.dhcpd.lease.Pool;
import org.phoneprov.dhcpd.lease.Stats;
import org.phoneprov.dhcpd.lease.SubnetPools;
import org.phoneprov.dhcpd.options.OptionAssembler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dhcpd's bootstrap: one UDP socket on port 67, bound to the LAN interface with
 * SO_BINDTODEVICE (so broadcasts from that LAN, and only those, reach it; relays
 * unicast to it), one event loop thread that owns the allocator, and a lease store
 * that commits in groups on its own thread.
 */
public final class DhcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpServer.class);
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final long EXPIRY_SECONDS = 10;
    /** Larger than any DHCP request on an Ethernet LAN (1500 MTU); a longer one would arrive cut and be dropped. */
    private static final int MAX_DATAGRAM = 2048;

    private SuiteConfig config;
    private Allocator allocator;
    private SubnetSelector selector;
    private int serverId;
    private final LeaseStore store;
    private final EventSink events;
    private final DhcpMetrics metrics;
    private final DropCounters drops;
    private EventLoopGroup group;
    private Channel channel;
    private DhcpHandler handler;
    private HaNode ha;

    private final AddressBook addresses;

    DhcpServer(SuiteConfig config, LeaseStore store, EventSink events, AddressBook addresses, DhcpMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.drops = metrics.malformed();
        this.store = store;
        this.events = events;
        this.addresses = addresses;
    }

    public synchronized InetSocketAddress start() throws Exception {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("dhcpd needs Linux native epoll (SO_BINDTODEVICE, broadcast on one interface)");
        }
        serverId = Ip4.toInt(config.dhcp().serverAddress(config.identity()));
        List<Integer> local = interfaceAddresses();
        allocator = allocator();
        List<Lease> stored = store.loadAll();
        allocator.load(stored);
        long now = System.currentTimeMillis();
        stored.stream().filter(l -> l.isBoundAt(now)).forEach(l -> addresses.bind(l.address(), l.mac()));
        selector = new SubnetSelector(config.dhcp().subnets(), local);
        DhcpProcessor processor = new DhcpProcessor(config, allocator, new Classifier(config), new OptionAssembler(config),
                selector, serverId);
        Logger packetLog = LoggerFactory.getLogger("org.phoneprov.dhcpd");
        group = new EpollEventLoopGroup(1, new DefaultThreadFactory("dhcpd", false));
        EventLoop dhcpLoop = group.next();
        ha = config.dhcp().ha().map(h -> new HaNode(h, new ServerLeases(dhcpLoop, allocator, store,
                config.store().type() == StoreSettings.Type.POSTGRESQL), System::currentTimeMillis)).orElse(null);
        handler = new DhcpHandler(processor, Optional.ofNullable(ha), store, events, addresses,
                new TokenBuckets(config.dhcp().limits().perClient(), config.dhcp().limits().global(), System.nanoTime()),
                new RateLimitedLog(packetLog),
                new RateLimitedLog(packetLog, java.time.Duration.ofSeconds(10), 1, System::nanoTime), metrics);
        InetSocketAddress wanted = new InetSocketAddress(config.dhcpd().bind(), config.dhcpd().port());
        Bootstrap b = new Bootstrap().group(dhcpLoop).channel(EpollDatagramChannel.class)
                .option(ChannelOption.SO_BROADCAST, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                // recvmmsg: up to 16 datagrams per system call under load.
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * 16))
                .handler(new DhcpChannelInitializer(new DhcpDatagramDecoder(drops, new RateLimitedLog(packetLog)),
                        new DhcpDatagramEncoder(new RateLimitedLog(packetLog)), handler));
        try {
            Channel ch = b.register().sync().channel();
            config.dhcpd().iface().ifPresent(i -> bindToDevice(ch, i));
            ch.bind(wanted).sync();
            channel = ch;
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            BindException failure = new BindException("dhcpd cannot listen on " + wanted.getAddress().getHostAddress()
                    + ":" + wanted.getPort() + config.dhcpd().iface().map(i -> " (interface " + i + ")").orElse("")
                    + ": " + rootMessage(e));
            failure.initCause(e);
            throw failure;
        }
        if (ha != null) {
            try {
                ha.start();
            } catch (BindException e) {
                ha.close();
                ha = null;
                channel.close().awaitUninterruptibly(2000);
                channel = null;
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw e;
            }
        }
        metrics.leases(this::leaseStats);
        metrics.ha(Optional.ofNullable(ha));
        channel.eventLoop().scheduleAtFixedRate(() -> {
            for (Lease l : allocator.expireDue()) {
                store.commit(l);
            }
        }, EXPIRY_SECONDS, EXPIRY_SECONDS, TimeUnit.SECONDS);
        LOG.info("dhcpd.listening address={}:{} interface={} subnets={} leases_loaded={} server_id={}",
                wanted.getAddress().getHostAddress(), wanted.getPort(), config.dhcpd().iface().orElse("-"),
                config.dhcp().subnets().stream().map(s -> s.subnet().toString()).toList(), stored.size(),
                Ip4.toString(serverId));
        return (InetSocketAddress) channel.localAddress();
    }

    private Allocator allocator() {
        List<SubnetPools> pools = new ArrayList<>();
        for (SubnetConfig s : config.dhcp().subnets()) {
            List<Pool> ranges = s.pools().stream()
                    .map(r -> new Pool(Ip4.toInt(r.first()), Ip4.toInt(r.last()))).toList();
            pools.add(new SubnetPools(DhcpProcessor.id(s), Ip4.toInt(s.subnet().network()),
                    s.subnet().prefix(), ranges));
        }
        Map<Mac, Integer> fixed = new HashMap<>();
        for (Device d : config.devices().values()) {
            d.address().filter(a -> a instanceof Inet4Address).ifPresent(a -> fixed.put(d.mac(), Ip4.toInt(a)));
        }
        return new Allocator(pools, fixed, config.dhcp().offerHoldSeconds() * 1000L,
                config.dhcp().declineHoldSeconds() * 1000L, Clock.systemUTC());
    }

    /**
     * The allocator's counts for a scrape. The allocator belongs to the event loop, so they are
     * read there, as one short task between packets; a loop too busy to answer within a second
     * gives an empty reading rather than holding the scrape.
     */
    private Stats leaseStats() {
        Channel ch = channel;
        Allocator a = allocator;
        if (ch == null || a == null) {
            return new Stats(List.of());
        }
        if (ch.eventLoop().inEventLoop()) {
            return a.stats();
        }
        try {
            return ch.eventLoop().submit(a::stats).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Stats(List.of());
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            return new Stats(List.of());
        }
    }

    /** The IPv4 addresses of the served interface: they tell which subnet a local broadcast is about. */
    private List<Integer> interfaceAddresses() throws SocketException {
        List<Integer> out = new ArrayList<>();
        if (config.dhcpd().iface().isPresent()) {
            NetworkInterface ni = NetworkInterface.getByName(config.dhcpd().iface().get());
            if (ni == null) {
                throw new SocketException("dhcpd: no network interface named '" + config.dhcpd().iface().get()
                        + "' (dhcpd.interface)");
            }
            for (InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    out.add(Ip4.toInt(a));
                }
            }
        }
        out.add(Ip4.toInt(config.identity().address()));
        return out;
    }

    private static void bindToDevice(Channel ch, String iface) {
        byte[] name = iface.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer value = ByteBuffer.allocate(name.length + 1).put(name).put((byte) 0).flip();
        ch.config().setOption(new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE,
                value.remaining()), value);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * SIGHUP: classes, options, models and the inventory's classes apply to the next
     * request. Subnets, pools, lease settings and fixed addresses shape the allocator's
     * state, so they keep their start values ({@link DhcpDaemon}'s restart rules say so).
     */
    public synchronized void reload(SuiteConfig next) {
        if (channel == null) {
            return;
        }
        SuiteConfig current = config;
        DhcpProcessor processor = new DhcpProcessor(next, allocator, new Classifier(next), new OptionAssembler(next),
                selector, serverId);
        channel.eventLoop().execute(() -> handler.processor(processor));
        config = next;
        LOG.info("dhcpd.reloaded classes={} devices={} (was {} and {})", next.classes().size(), next.devices().size(),
                current.classes().size(), current.devices().size());
    }

    /** The HA node, when {@code dhcpd.ha} is configured and the server runs. */
    public synchronized Optional<HaNode> ha() {
        return Optional.ofNullable(ha);
    }

    public DropCounters drops() {
        return drops;
    }

    @Override
    public synchronized void close() {
        metrics.leases(() -> new Stats(List.of()));
        metrics.ha(Optional.empty());
        if (ha != null) {
            ha.close();
            ha = null;
        }
        if (channel != null) {
            channel.close().awaitUninterruptibly(2000);
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3000);
            group = null;
        }
        LOG.info("dhcpd.stopped malformed_dropped={} rate_limited={} commit_failures={}", drops.total(),
                metrics.silenced(Silence.RATE_LIMITED), metrics.commitFailures());
    }

}
