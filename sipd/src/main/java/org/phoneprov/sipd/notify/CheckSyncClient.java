package org.phoneprov.sipd.notify;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends check-sync NOTIFYs from the trusted source the phones' configs name
 * ({@code AuthNotifyCheckSync} = {@code suite.check_sync_source}, APS seed 3.4): one UDP
 * socket bound to that address, on its own one-thread event loop that runs every
 * {@link NotifyTransaction} and its timers, so transactions need no locking.
 *
 * <p>Datagrams that are not responses to our NOTIFYs (requests, late or unknown
 * responses, garbage) get nothing back: this socket is not a SIP server, and answering
 * would make it a reflector. They are counted.
 */
public final class CheckSyncClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckSyncClient.class);

    private final SipdSettings.CheckSync settings;
    private final EventSink events;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel channel;
    private final InetSocketAddress local;
    private final RateLimitedLog log = new RateLimitedLog(LOG);
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    // Touched on the event loop only.
    private final Map<String, Running> byBranch = new HashMap<>();
    private final Map<String, Running> byCallId = new HashMap<>();
    private final Set<Batch> batches = new HashSet<>();
    private boolean closed;

    /** From {@code suite.check_sync_source}, paced by {@code sipd.notify}. */
    public CheckSyncClient(SuiteConfig config, EventSink events) throws BindException {
        this(config.identity().checkSyncSource(), config.sip().checkSync(), events);
    }

    /**
     * Binds (source, settings.sourcePort()) now, so a wrong address fails here, before
     * anything is sent.
     *
     * @throws BindException naming the address when it cannot be bound
     */
    public CheckSyncClient(InetAddress source, SipdSettings.CheckSync settings, EventSink events)
            throws BindException {
        this.settings = settings;
        this.events = events;
        InetSocketAddress wanted = new InetSocketAddress(source, settings.sourcePort());
        if (source.isAnyLocalAddress()) {
            // Via, Contact and the phones' AuthNotifyCheckSync all need the one real address.
            throw new BindException("check-sync NOTIFYs cannot be sent from the wildcard address "
                    + source.getHostAddress() + ": suite.check_sync_source must be an address of this host,"
                    + " the one the phones' configs trust (AuthNotifyCheckSync)");
        }
        boolean epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("sipd-notify", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("sipd-notify", true));
        loop = group.next();
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(new ResponseHandler(this::onDatagram, this::onSocketError));
        try {
            channel = b.bind(wanted).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw bindFailure(wanted, e);
        }
        local = (InetSocketAddress) channel.localAddress();
        LOG.info("sipd.notify_bound source={}:{} transport={}", local.getAddress().getHostAddress(), local.getPort(),
                epoll ? "epoll" : "nio");
    }

    private static BindException bindFailure(InetSocketAddress wanted, Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.toString() : root.getMessage();
        String where = wanted.getAddress().getHostAddress() + ":" + wanted.getPort();
        BindException failure;
        if (!isLocal(wanted.getAddress())) {
            failure = new BindException("check-sync NOTIFYs cannot be sent from " + where + " (" + why + "): "
                    + wanted.getAddress().getHostAddress() + " must be an address of this host"
                    + " (suite.check_sync_source), the one the phones' configs trust (AuthNotifyCheckSync)");
        } else {
            failure = new BindException("check-sync NOTIFYs cannot be sent from " + where + ": " + why
                    + " (suite.check_sync_source and sipd.notify.source_port)");
        }
        failure.initCause(e);
        return failure;
    }

    private static boolean isLocal(InetAddress a) {
        try {
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** The bound source: what Via and Contact carry. */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Sends a check-sync to each target, spread by {@link SendSchedule}, and completes
     * with one result per target, in the targets' order, when the last has ended. Each
     * ended NOTIFY is also recorded as an event. The future completes on the client's
     * event loop: do not block in stages chained to it.
     */
    public CompletableFuture<List<NotifyResult>> send(List<Target> targets, boolean reboot) {
        List<Target> all = List.copyOf(targets);
        Batch batch = new Batch(all.size());
        if (all.isEmpty()) {
            batch.future.complete(List.of());
            return batch.future;
        }
        SendSchedule schedule = SendSchedule.of(all.size(), settings.spanSeconds(), settings.ratePerSecond());
        try {
            loop.execute(() -> {
                if (closed) {
                    batch.future.completeExceptionally(new IllegalStateException("check-sync client closed"));
                    return;
                }
                batches.add(batch);
                for (int i = 0; i < all.size(); i++) {
                    int index = i;
                    batch.starts.add(loop.schedule(() -> start(batch, index, all.get(index), reboot),
                            schedule.offset(i).toNanos(), TimeUnit.NANOSECONDS));
                }
            });
        } catch (RejectedExecutionException e) {
            batch.future.completeExceptionally(new IllegalStateException("check-sync client closed", e));
        }
        return batch.future;
    }

    private void start(Batch batch, int index, Target target, boolean reboot) {
        CheckSyncRequest first;
        try {
            first = CheckSyncRequest.first(target, local, reboot);
        } catch (IllegalArgumentException e) {
            // Only odd inventory text (a line number JAIN-SIP cannot put in a URI) gets here.
            String event = target.dialect().event(reboot);
            complete(batch, index, event, 0, new NotifyResult(target.mac(), target.address(),
                    NotifyResult.Outcome.REJECTED, 0, "not sent: " + e.getMessage(), Duration.ZERO));
            return;
        }
        NotifyTransaction tx = new NotifyTransaction(target, first, settings.t1Millis(), settings.timeoutMillis());
        Running r = new Running(tx, batch, index);
        byCallId.put(first.callId(), r);
        apply(r, tx.start(System.nanoTime()));
    }

    private void apply(Running r, NotifyTransaction.Step step) {
        step.send().ifPresent(request -> {
            if (r.branches.add(request.branch())) {
                byBranch.put(request.branch(), r);
            }
            write(request);
        });
        if (step.result().isPresent()) {
            if (r.timer != null) {
                r.timer.cancel(false);
            }
            r.branches.forEach(byBranch::remove);
            byCallId.remove(r.tx.request().callId());
            complete(r.batch, r.index, r.tx.request().event(), r.tx.bytesSent(), step.result().get());
            return;
        }
        if (step.wakeAt().isPresent() && step.wakeAt().getAsLong() != r.wakeAt) {
            if (r.timer != null) {
                r.timer.cancel(false);
            }
            long at = step.wakeAt().getAsLong();
            r.wakeAt = at;
            r.timer = loop.schedule(() -> apply(r, r.tx.onTimer(System.nanoTime())),
                    Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private void write(CheckSyncRequest request) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request.bytes()), request.target()))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        // The transaction retransmits and ends as "no answer" if this persists.
                        log.log(Level.WARN, "sipd.notify_send_failed", "target=" + request.target() + " error=\""
                                + f.cause().getMessage() + "\"");
                    }
                });
    }

    private void complete(Batch batch, int index, String event, long bytes, NotifyResult result) {
        events.record(new Event(Instant.now(), "sipd", "NOTIFY", Optional.of(result.mac()), event,
                result.eventResult(), bytes, result.took().toNanos() / 1_000, Optional.ofNullable(result.target())));
        LOG.info("sipd.notify device={} target={} event={} result=\"{}\" detail=\"{}\" took_ms={}", result.mac(),
                result.target(), event, result.eventResult(), result.detail(), result.took().toMillis());
        batch.results[index] = result;
        if (--batch.remaining == 0) {
            batches.remove(batch);
            batch.future.complete(List.of(batch.results));
        }
    }

    private void onDatagram(byte[] data, InetSocketAddress sender) {
        Optional<NotifyResponse> parsed;
        try {
            parsed = NotifyResponse.parse(data);
        } catch (ParseException e) {
            malformed.incrementAndGet();
            log.log(Level.DEBUG, "sipd.notify_malformed", "from=" + sender + " bytes=" + data.length + " error=\""
                    + e.getMessage() + "\"");
            return;
        }
        if (parsed.isEmpty()) {
            ignored.incrementAndGet();
            return;
        }
        NotifyResponse response = parsed.get();
        Running r = byBranch.get(response.branch());
        if (r == null) {
            r = byCallId.get(response.callId());
        }
        if (r == null || !r.tx.matches(response)) {
            // A retransmitted final response after the end, or not ours.
            ignored.incrementAndGet();
            return;
        }
        apply(r, r.tx.onResponse(response, System.nanoTime()));
    }

    private void onSocketError(Throwable cause) {
        log.log(Level.WARN, "sipd.notify_socket_error", "error=\"" + cause + "\"");
    }

    /** Datagrams dropped because they were not SIP. */
    public long malformed() {
        return malformed.get();
    }

    /** Datagrams dropped because they were requests, keep-alives, or responses to no live NOTIFY. */
    public long ignored() {
        return ignored.get();
    }

    /** Stops; sends still running complete exceptionally. */
    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        try {
            loop.submit(() -> {
                closed = true;
                for (Batch b : new ArrayList<>(batches)) {
                    b.starts.forEach(s -> s.cancel(false));
                    b.future.completeExceptionally(new IllegalStateException("check-sync client closed"));
                }
                batches.clear();
                byBranch.values().forEach(r -> {
                    if (r.timer != null) {
                        r.timer.cancel(false);
                    }
                });
                byBranch.clear();
                byCallId.clear();
            }).awaitUninterruptibly(2_000);
        } catch (RejectedExecutionException e) {
            // Already stopping.
        }
        channel.close().awaitUninterruptibly(2_000);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
        LOG.info("sipd.notify_closed malformed_dropped={} ignored={}", malformed.get(), ignored.get());
    }

    /** One {@link #send} call. */
    private static final class Batch {
        final NotifyResult[] results;
        final CompletableFuture<List<NotifyResult>> future = new CompletableFuture<>();
        final List<ScheduledFuture<?>> starts = new ArrayList<>();
        int remaining;

        Batch(int size) {
            results = new NotifyResult[size];
            remaining = size;
        }

        @Override
        public String toString() {
            return "Batch" + Arrays.toString(results);
        }
    }

    /** A live transaction and where its result goes. */
    private static final class Running {
        final NotifyTransaction tx;
        final Batch batch;
        final int index;
        final Set<String> branches = new HashSet<>();
        ScheduledFuture<?> timer;
        long wakeAt = Long.MIN_VALUE;

        Running(NotifyTransaction tx, Batch batch, int index) {
            this.tx = tx;
            this.batch = batch;
            this.index = index;
        }
    }
}
