package org.phoneprov.httpd;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.RawUnixChannelOption;
import io.netty.util.concurrent.Future;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.provision.FileResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP provisioning server: binds, serves files the resolver names over GET, HEAD and
 * POST, and stops gracefully. One boss thread accepts; one worker per processor serves.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;

    private final DaemonConfig config;
    private final Connections connections = new Connections();
    private final ProvisioningHandler handler;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;
    private boolean started;
    private boolean closed;

    /**
     * @param resolver read once per request, so swapping what it returns (a config reload)
     *                 takes effect without a restart
     */
    public HttpServer(DaemonConfig config, Supplier<FileResolver> resolver, EventSink events) {
        this.config = Objects.requireNonNull(config, "config");
        this.handler = new ProvisioningHandler(Objects.requireNonNull(resolver, "resolver"),
                Objects.requireNonNull(events, "events"), connections,
                new RateLimitedLog(LoggerFactory.getLogger(HttpServer.class.getPackageName())), new HttpClock());
    }

    /**
     * Binds and starts serving; returns the bound address (port 0 in config = ephemeral).
     *
     * @throws BindException naming address:port and the cause, e.g.
     *                       "httpd cannot listen on 0.0.0.0:80: Permission denied"
     */
    public synchronized InetSocketAddress start() throws Exception {
        if (closed) {
            throw new IllegalStateException("httpd is closed");
        }
        if (started) {
            throw new IllegalStateException("httpd is already started");
        }
        started = true;
        SocketTransport transport = SocketTransport.best();
        int threads = Runtime.getRuntime().availableProcessors();
        boss = transport.group(1, "httpd-boss");
        workers = transport.group(threads, "httpd-worker");
        InetSocketAddress wanted = new InetSocketAddress(config.bind(), config.port());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new HttpChannelInitializer(handler, connections));
        try {
            Channel ch = bootstrap.register().sync().channel();
            bindToDevice(ch, transport);
            ch.bind(wanted).sync();
            channel = ch;
        } catch (Exception e) {
            shutdownGroups();
            throw bindFailure(wanted, e);
        }
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        LOG.info("httpd.listening address={} transport={} workers={}{}", LogText.address(bound), transport.word(),
                threads, config.iface().map(i -> " iface=" + i).orElse(""));
        return bound;
    }

    /** SO_BINDTODEVICE, so only packets that arrive on the configured interface are served. */
    private void bindToDevice(Channel ch, SocketTransport transport) {
        if (config.iface().isEmpty()) {
            return;
        }
        String iface = config.iface().get();
        if (transport != SocketTransport.EPOLL) {
            LOG.warn("httpd.iface-ignored iface={} reason=\"no native epoll; listening on the bind address only\"",
                    iface);
            return;
        }
        byte[] name = iface.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer value = ByteBuffer.allocate(name.length + 1).put(name).put((byte) 0).flip();
        ch.config().setOption(new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE,
                value.remaining()), value);
    }

    private BindException bindFailure(InetSocketAddress wanted, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = LogText.reason(root);
        String where = LogText.address(wanted) + config.iface().map(i -> " (interface " + i + ")").orElse("");
        BindException failure = new BindException("httpd cannot listen on " + where + ": " + reason);
        failure.initCause(e);
        return failure;
    }

    /** Stops accepting, lets in-flight responses finish (at most 2 s), frees the threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel == null) {
            return; // never started, or the bind failed and cleaned up already
        }
        channel.close().awaitUninterruptibly(1000);
        int forced = connections.drain(DRAIN);
        shutdownGroups();
        LOG.info("httpd.stopped forced={}", forced);
    }

    private void shutdownGroups() {
        Future<?> b = boss == null ? null : boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        Future<?> w = workers == null ? null : workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (b != null) {
            b.awaitUninterruptibly(2000);
        }
        if (w != null) {
            w.awaitUninterruptibly(2000);
        }
        boss = null;
        workers = null;
    }
}
