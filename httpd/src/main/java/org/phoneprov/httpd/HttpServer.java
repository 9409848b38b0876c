package org.phoneprov.httpd;

import org.phoneprov.common.guard.ProbeThrottle;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.unix.RawUnixChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.provision.FileResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP(S) provisioning server: binds a plain listener, an HTTPS one or both, serves
 * files the resolver names over GET, HEAD and POST, and stops gracefully. Both listeners
 * share one boss thread, the workers (one per processor), the provisioning handler and
 * so the access rules and the probe table, and one connection gate (the caps of
 * {@code httpd.limits}).
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;

    private final DaemonConfig config;
    private final HttpdSettings settings;
    private final Connections connections = new Connections();
    private final ConnectionGate gate;
    private final ProvisioningHandler handler;
    private final TlsRefusals refusals;
    private final AccessSource access;
    private final Supplier<SuiteConfig> gigasetConfig;
    private final HttpMetrics metrics;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private final List<Channel> channels = new ArrayList<>();
    private InetSocketAddress tlsBound;
    private boolean started;
    private boolean closed;

    /**
     * Plain HTTP, no access checks.
     *
     * @param resolver read once per request, so swapping what it returns (a config reload)
     *                 takes effect without a restart
     */
    public HttpServer(DaemonConfig config, Supplier<FileResolver> resolver, EventSink events) {
        this(config, HttpdSettings.defaults(), resolver, AccessSource.OPEN, () -> HttpdSettings.Limits.DEFAULT,
                events, null, new PrometheusRegistry());
    }

    /**
     * @param settings TLS as it was at start (listeners need a restart to change); its access
     *                 rules are not used: they come from {@code current} per request
     * @param current  the config in force, read per request for access rules and credentials, and
     *                 per connection for the limits
     */
    public HttpServer(DaemonConfig config, HttpdSettings settings, Supplier<FileResolver> resolver,
                      Supplier<SuiteConfig> current, EventSink events) {
        this(config, settings, resolver, current, events, null, new PrometheusRegistry());
    }

    /**
     * @param gigaset  the Gigaset endpoints' stores; null without those endpoints
     * @param registry where its metrics go, registered now so a scrape lists them before the server binds
     */
    HttpServer(DaemonConfig config, HttpdSettings settings, Supplier<FileResolver> resolver,
               Supplier<SuiteConfig> current, EventSink events, GigasetServices gigaset, PrometheusRegistry registry) {
        this(config, settings, resolver, AccessSource.of(Objects.requireNonNull(current, "current")),
                () -> current.get().http().limits(), events, gigaset == null ? null : new Gigaset(gigaset, current),
                registry);
    }

    HttpServer(DaemonConfig config, HttpdSettings settings, Supplier<FileResolver> resolver, AccessSource access,
               Supplier<HttpdSettings.Limits> limits, EventSink events) {
        this(config, settings, resolver, access, limits, events, null, new PrometheusRegistry());
    }

    /** The Gigaset endpoints' stores and the config they read per request. */
    private record Gigaset(GigasetServices services, Supplier<SuiteConfig> current) {
    }

    private HttpServer(DaemonConfig config, HttpdSettings settings, Supplier<FileResolver> resolver,
                       AccessSource access, Supplier<HttpdSettings.Limits> limits, EventSink events, Gigaset gigaset,
                       PrometheusRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(HttpServer.class.getPackageName()));
        this.gate = new ConnectionGate(Objects.requireNonNull(limits, "limits"), new LimitLog(log), System::nanoTime);
        this.metrics = new HttpMetrics(registry, connections, gate.log());
        DigestAuth digest = new DigestAuth(Nonces.random());
        this.handler = new ProvisioningHandler(Objects.requireNonNull(resolver, "resolver"),
                Objects.requireNonNull(events, "events"), connections, log, new HttpClock(), access,
                new AccessGate(digest), System::currentTimeMillis, gigaset == null ? null
                : responses -> new GigasetEndpoints(new GigasetEndpoints.Context(gigaset.services(), gigaset.current(),
                        responses, new AccountAuth(digest), new ProbeThrottle(), System::currentTimeMillis, log,
                        events)), metrics);
        this.gigasetConfig = gigaset == null ? null : gigaset.current();
        this.refusals = new TlsRefusals(log, events);
        this.access = access;
    }

    /**
     * Binds and starts serving; returns the plain listener's address, or the HTTPS one when
     * plain HTTP is off (port 0 in config = ephemeral).
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
        // Built before any thread starts: a context that cannot be made is a failed start, nothing to undo.
        Optional<SslContext> tls = settings.tls().isPresent() ? Optional.of(TlsContext.build(settings.tls().get()))
                : Optional.empty();
        boss = transport.group(1, "httpd-boss");
        workers = transport.group(threads, "httpd-worker");
        InetSocketAddress plain = null;
        try {
            if (settings.plainHttp()) {
                plain = listen(transport, config.port(),
                        new HttpChannelInitializer(handler, connections, gate, null, null));
            }
            if (tls.isPresent()) {
                tlsBound = listen(transport, settings.tls().get().port(),
                        new HttpChannelInitializer(handler, connections, gate, tls.get(), refusals));
            }
        } catch (BindException e) {
            for (Channel ch : channels) {
                ch.close().awaitUninterruptibly(1000);
            }
            channels.clear();
            shutdownGroups();
            throw e;
        }
        String iface = config.iface().map(i -> " iface=" + i).orElse("");
        if (plain != null) {
            LOG.info("httpd.listening address={} transport={} workers={}{}", LogText.address(plain), transport.word(),
                    threads, iface);
        }
        if (tlsBound != null) {
            HttpdSettings.Tls t = settings.tls().get();
            LOG.info("httpd.listening address={} tls={} client_auth={} transport={} workers={}{}",
                    LogText.address(tlsBound), String.join(",", TlsContext.PROTOCOLS),
                    t.clientAuth().name().toLowerCase(Locale.ROOT), transport.word(), threads, iface);
            warnIfExpired(t.chain().get(0));
        }
        long bare = access.access().digest() ? access.devicesWithoutPassword() : 0;
        if (bare > 0) {
            LOG.warn("httpd.digest_without_password devices={} (digest is on: their own files are refused until"
                    + " they have an http_password in the inventory)", bare);
        }
        if (gigasetConfig != null) {
            logGigaset(gigasetConfig.get(), plain != null);
        }
        return plain != null ? plain : tlsBound;
    }

    private static void logGigaset(SuiteConfig c, boolean plainHttp) {
        long accounts = c.gigaset().providers().values().stream().filter(p -> p.password().isPresent()).count();
        if (accounts == 0 && c.gigaset().codes().isEmpty()) {
            return;
        }
        LOG.info("httpd.gigaset api=/{} accounts={} redirect=/{} activation=/{} codes={}", RpcEndpoint.PATH, accounts,
                org.phoneprov.httpd.redirect.RetailRedirect.PREFIX, ActivationEndpoint.FOLDER, c.gigaset().codes().size());
        if (accounts > 0 && plainHttp) {
            LOG.warn("httpd.gigaset_api_plain_http accounts={} (the redirect API accepts Basic credentials, which "
                    + "plain HTTP carries readable; give providers the HTTPS URL, httpd.tls)", accounts);
        }
    }

    /** The HTTPS listener's address once started, if there is one. */
    public synchronized Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tlsBound);
    }

    private InetSocketAddress listen(SocketTransport transport, int port, ChannelInitializer<Channel> pipeline)
            throws BindException {
        InetSocketAddress wanted = new InetSocketAddress(config.bind(), port);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(pipeline);
        Channel ch = null;
        try {
            ch = bootstrap.register().sync().channel();
            bindToDevice(ch, transport);
            ch.bind(wanted).sync();
            channels.add(ch);
            return (InetSocketAddress) ch.localAddress();
        } catch (Exception e) {
            if (ch != null) {
                ch.close().awaitUninterruptibly(1000);
            }
            throw bindFailure(wanted, e);
        }
    }

    /** A certificate past its date still starts (some phones do not check), but the admin must know. */
    private static void warnIfExpired(X509Certificate cert) {
        long now = System.currentTimeMillis();
        if (cert.getNotAfter().getTime() < now || cert.getNotBefore().getTime() > now) {
            LOG.warn("httpd.tls_cert_not_valid_now not_before={} not_after={} subject=\"{}\" (clients that check"
                    + " dates will refuse it; make a new one, e.g. phoneprov cert init)",
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                    cert.getSubjectX500Principal().getName());
        }
    }

    /** SO_BINDTODEVICE, so only packets that arrive on the configured interface are served. */
    private void bindToDevice(Channel ch, SocketTransport transport) {
        if (config.iface().isEmpty()) {
            return;
        }
        String iface = config.iface().get();
        if (transport != SocketTransport.EPOLL) {
            LOG.warn("httpd.iface_ignored iface={} reason=\"no native epoll; listening on the bind address only\"",
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
        metrics.close();
        if (channels.isEmpty()) {
            return; // never started, or the bind failed and cleaned up already
        }
        for (Channel ch : channels) {
            ch.close().awaitUninterruptibly(1000);
        }
        int forced = connections.drain(DRAIN);
        shutdownGroups();
        LOG.info("httpd.stopped forced={} {}", forced, gate.log().summary());
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
