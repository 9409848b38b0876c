package org.phoneprov.tftpd.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.TftpdSettings;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.tftpd.codec.TftpDatagramDecoder;
import org.phoneprov.tftpd.codec.TftpDatagramEncoder;
import org.phoneprov.tftpd.codec.TftpDropCounters;
import org.phoneprov.tftpd.transfer.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tftpd's bootstrap: the listener on port 69 and, per transfer, a UDP channel on its own
 * port connected to the client. Every channel shares a few event-loop threads, so
 * thousands of transfers need no thread each.
 */
public final class TftpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TftpServer.class);
    /** Static file bytes kept in memory for sharing between transfers. */
    private static final long CACHE_BYTES = 192L << 20;
    private final SuiteConfig config;
    private final Supplier<FileResolver> resolver;
    private final EventSink events;
    private final TftpDropCounters drops = new TftpDropCounters();
    private final TransferLimits limits;
    private final TftpMetrics metrics;
    private EventLoopGroup group;
    private Channel listener;
    private Class<? extends DatagramChannel> channelType;
    private InetSocketAddress bound;

    /** @param registry where its metrics go, registered now so a scrape lists them before the server binds */
    public TftpServer(SuiteConfig config, Supplier<FileResolver> resolver, EventSink events,
                      PrometheusRegistry registry) {
        this.config = config;
        this.resolver = resolver;
        this.events = events;
        this.limits = new TransferLimits(config.tftp().maxTransfers(), config.tftp().maxPerClient());
        this.metrics = new TftpMetrics(registry, drops, limits::running);
    }

    public synchronized InetSocketAddress start() throws Exception {
        TftpdSettings s = config.tftp();
        boolean epoll = Epoll.isAvailable();
        int threads = Runtime.getRuntime().availableProcessors();
        group = epoll ? new EpollEventLoopGroup(threads, new DefaultThreadFactory("tftpd", false))
                : new NioEventLoopGroup(threads, new DefaultThreadFactory("tftpd", false));
        channelType = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        Limits transferLimits = new Limits(s.maxBlksize(), s.timeoutMillis(), s.retries(), s.maxWindow(), 3);
        Logger packetLog = LoggerFactory.getLogger("org.phoneprov.tftpd");
        RateLimitedLog log = new RateLimitedLog(packetLog);
        TftpDatagramDecoder decoder = new TftpDatagramDecoder(drops, log);
        TftpDatagramEncoder encoder = new TftpDatagramEncoder();
        FileCache cache = new FileCache(CACHE_BYTES);
        InetSocketAddress wanted = new InetSocketAddress(config.tftpd().bind(), config.tftpd().port());
        RequestProcessor processor = new RequestProcessor(s, resolver, cache, limits, transferLimits);
        RequestHandler handler = new RequestHandler(processor, events,
                (t, client, onEnd) -> openTransfer(wanted, t, client, onEnd, log), log, metrics);
        Bootstrap b = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(new TftpChannelInitializer(decoder, encoder, handler));
        try {
            listener = b.bind(wanted).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            BindException failure = new BindException("tftpd cannot listen on " + wanted.getAddress().getHostAddress()
                    + ":" + wanted.getPort() + ": " + (root.getMessage() == null ? root : root.getMessage()));
            failure.initCause(e);
            throw failure;
        }
        bound = (InetSocketAddress) listener.localAddress();
        LOG.info("tftpd.listening address={}:{} max_blksize={} max_window={} max_transfers={} case_insensitive={}",
                bound.getAddress().getHostAddress(), bound.getPort(), s.maxBlksize(), s.maxWindow(), s.maxTransfers(),
                s.caseInsensitive());
        return bound;
    }

    /** A transfer's own channel: a new port on the listener's address, connected to the client. */
    private void openTransfer(InetSocketAddress local, org.phoneprov.tftpd.transfer.ReadTransfer t,
                              InetSocketAddress client, java.util.function.Consumer<org.phoneprov.tftpd.transfer.ReadTransfer> onEnd,
                              RateLimitedLog log) {
        new Bootstrap().group(group).channel(channelType)
                .handler(new TransferHandler(t, client, onEnd, log))
                .connect(client, new InetSocketAddress(local.getAddress(), 0))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        LOG.warn("tftpd.transfer_open_failed client={} error=\"{}\"", client, f.cause().getMessage());
                        onEnd.accept(t);
                    }
                });
    }

    public TftpDropCounters drops() {
        return drops;
    }

    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(2000);
            listener = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3000);
            group = null;
        }
        metrics.close();
        LOG.info("tftpd.stopped malformed_dropped={}", drops.total());
    }
}
