package org.phoneprov.httpd;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.LoggerFactory;

/**
 * The real pipeline (gate, deadlines, codec, provisioning handler) on EmbeddedChannels
 * that have a client address from the start, on one hand-moved clock that the channels'
 * timers follow.
 */
final class LimitsHarness implements AutoCloseable {
    final AtomicLong now = new AtomicLong(5_000_000_000L);
    final Connections connections = new Connections();
    final LimitLog limitLog;
    final ConnectionGate gate;
    private final HttpChannelInitializer initializer;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger httpdLog = (Logger) LoggerFactory.getLogger("org.phoneprov.httpd");

    /** The limits in force, read per connection: set it to act as a reload. */
    final AtomicReference<HttpdSettings.Limits> limits;

    LimitsHarness(HttpdSettings.Limits limits, Path firmware) {
        this.limits = new AtomicReference<>(limits);
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger("org.phoneprov.httpd"));
        limitLog = new LimitLog(log);
        gate = new ConnectionGate(this.limits::get, limitLog, now::get);
        FakeResolver resolver = new FakeResolver(firmware);
        ProvisioningHandler handler = new ProvisioningHandler(() -> resolver, e -> { }, connections, log,
                new HttpClock());
        initializer = new HttpChannelInitializer(handler, connections, gate, null, null);
        logs.start();
        httpdLog.addAppender(logs);
    }

    /** A client connection from {@code ip}, accepted now. */
    Peer connect(String ip) throws Exception {
        return new Peer(new InetSocketAddress(ip, 40000), initializer);
    }

    /** Moves the clock and every given channel's timers by {@code seconds}, running what falls due. */
    void advance(double seconds, EmbeddedChannel... channels) {
        long n = Math.round(seconds * 1e9);
        now.addAndGet(n);
        for (EmbeddedChannel ch : channels) {
            ch.advanceTimeBy(n, TimeUnit.NANOSECONDS);
            ch.runPendingTasks();
        }
    }

    static void send(EmbeddedChannel ch, String bytes) {
        ch.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
    }

    static Wire.Response get(EmbeddedChannel ch, String path) {
        return Wire.exchange(ch, "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n");
    }

    List<String> lines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        httpdLog.detachAppender(logs);
    }

    static final class Peer extends EmbeddedChannel {
        private final InetSocketAddress remote;

        Peer(InetSocketAddress remote, ChannelHandler h) throws Exception {
            super(DefaultChannelId.newInstance(), false, false, h); // registered below, once it has an address
            this.remote = remote;
            freezeTime();
            register();
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }
}
