package org.phoneprov.apid;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.ServerKeys;

/**
 * The API's listener: one event-loop thread (calls are few; a thread more per core would
 * cost memory for nothing) and one worker thread that runs the routes in turn, with at
 * most 64 calls waiting; check-sync, which waits for phones, has a thread of its own.
 */
final class ApiServer implements AutoCloseable {
    private final DaemonConfig listen;
    private final Optional<SslContext> tls;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("apid", true));
    private final ThreadPoolExecutor worker = executor("apid-worker", 64);
    /** Check-sync waits for phones (up to RFC 3261 Timer F, 32 s): on its own thread, so other calls go on. */
    private final ThreadPoolExecutor notifier = executor("apid-notify", 8);
    private Channel channel;

    ApiServer(DaemonConfig listen, Optional<ServerKeys> keys) throws SSLException {
        this.listen = listen;
        this.tls = keys.isPresent() ? Optional.of(context(keys.get())) : Optional.empty();
    }

    private static SslContext context(ServerKeys k) throws SSLException {
        return SslContextBuilder.forServer(k.key(), k.chain().toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }

    InetSocketAddress start(ApiHandlerFactory handler) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childHandler(new ApiChannelInitializer(tls, handler.create(worker, notifier)));
        channel = b.bind(listen.bind(), listen.port()).sync().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    private static ThreadPoolExecutor executor(String name, int queue) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    boolean tls() {
        return tls.isPresent();
    }

    /** Makes the handler once the worker exists. */
    @FunctionalInterface
    interface ApiHandlerFactory {
        ApiHandler create(java.util.concurrent.Executor worker, java.util.concurrent.Executor notifier);
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        worker.shutdownNow();
        notifier.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
