package org.phoneprov.acsd;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.ServerKeys;

/**
 * The ACS's listener. Sessions are short and few at a time (a CPE calls at boot and every
 * periodic interval), and all work is in memory, so two event-loop threads serve them.
 */
final class AcsServer implements AutoCloseable {
    private final DaemonConfig listen;
    private final Optional<SslContext> tls;
    private final EventLoopGroup group = new NioEventLoopGroup(2, new io.netty.util.concurrent.DefaultThreadFactory(
            "acsd", true));
    private Channel channel;

    AcsServer(DaemonConfig listen, Optional<ServerKeys> keys) throws SSLException {
        this.listen = listen;
        // TLS 1.2 and 1.3 only, like the suite's other HTTPS listeners.
        this.tls = keys.isEmpty() ? Optional.empty() : Optional.of(SslContextBuilder
                .forServer(keys.get().key(), keys.get().chain().toArray(new X509Certificate[0]))
                .protocols("TLSv1.3", "TLSv1.2").build());
    }

    InetSocketAddress start(AcsContext acs) throws InterruptedException {
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new AcsChannelInitializer(tls, acs))
                .bind(listen.bind(), listen.port()).sync().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    boolean tls() {
        return tls.isPresent();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
