package org.phoneprov.dhcpd.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.phoneprov.common.config.HaSettings;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.lease.Applied;
import org.phoneprov.dhcpd.lease.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One dhcpd node of an HA pair, as Kea's HA hook runs one: heartbeats to the partner on its
 * own thread feed the {@link HaMachine}; the state decides whom dhcpd answers ({@link Share});
 * each lease dhcpd commits goes to the partner in batches, and while the pair is healthy the
 * ACK waits for the partner's answer, so both nodes know every lease before its client does.
 * A node coming back fetches every lease from the partner (or from the shared database)
 * before it serves again.
 */
public final class HaNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.phoneprov.dhcpd.ha");
    static final int MAX_BATCH = 512;

    private record Pending(Lease lease, CompletableFuture<HaUpdate> done) {
    }

    private final HaSettings settings;
    private final HaAuth auth;
    private final HaMachine machine;
    private final Share share;
    private final HaLeases leases;
    private final LongSupplier clock;
    private final ScheduledExecutorService loop;
    private final HaPartnerLink link;
    private final HaListener listener;
    private final RateLimitedLog rare = new RateLimitedLog(LOG, Duration.ofSeconds(10), 1, System::nanoTime);
    private final Queue<Pending> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final AtomicLong updatesSent = new AtomicLong();
    private final AtomicLong updatesFailed = new AtomicLong();
    private final AtomicLong updatesReceived = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private volatile Serving serving = Serving.NONE;
    private volatile boolean waits;
    private volatile boolean sends;
    private volatile HaState published = HaState.WAITING;
    private boolean heartbeatInFlight;
    private boolean syncing;

    public HaNode(HaSettings settings, HaLeases leases, LongSupplier clock) {
        this.settings = settings;
        this.auth = new HaAuth(settings.secret());
        this.clock = clock;
        this.machine = new HaMachine(settings, clock.getAsLong());
        this.share = new Share(settings);
        this.leases = leases;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dhcpd-ha");
            t.setDaemon(true);
            return t;
        });
        this.link = new HaPartnerLink(settings, auth, loop, clock);
        this.listener = new HaListener(this, auth, settings.thisNode(), settings.partner().name(), clock,
                settings.tls());
    }

    /** Listens for the partner, then starts the heartbeats. */
    public InetSocketAddress start() throws java.net.BindException {
        HaSettings.Peer self = settings.self();
        InetSocketAddress at = listener.start(new InetSocketAddress(self.address(), self.port()));
        LOG.info("ha.started node={} role={} mode={} listen={}:{} partner={} ({}) heartbeat={}ms "
                        + "max_response_delay={}ms max_unacked_clients={} store={} tls={}", settings.thisNode(),
                self.role().word(), settings.mode().word(), at.getAddress().getHostAddress(), at.getPort(),
                settings.partner().name(), link.where(), settings.heartbeatMillis(), settings.maxResponseMillis(),
                settings.maxUnackedClients(), leases.sharedStore() ? "shared" : "own",
                settings.tls().isPresent() ? "mutual" : "off");
        loop.scheduleWithFixedDelay(this::heartbeat, 0, settings.heartbeatMillis(), TimeUnit.MILLISECONDS);
        return at;
    }

    // ---- what dhcpd asks, on its event loop: volatile reads only ----

    /** Whether this node answers the request now. */
    public boolean answers(DhcpMessage request) {
        return share.answers(serving, request);
    }

    /** Whether this node answers the phone with {@code mac} now (sipd's plug-and-play, through PairShare). */
    public boolean answersPhone(Optional<org.phoneprov.common.mac.Mac> mac) {
        return share.answers(serving, mac);
    }

    /**
     * A request this node does not answer: if it is the partner's client and has waited longer
     * than max_ack_delay (its secs field, RFC 2131 table 1), it counts towards partner-down.
     */
    public void notAnswered(DhcpMessage request) {
        if (request.secs() * 1000L > settings.maxAckMillis() && !share.mine(request)) {
            long mac = request.mac().map(org.phoneprov.common.mac.Mac::value).orElse(-1L);
            loop.execute(() -> {
                machine.partnerClientWaiting(mac, clock.getAsLong());
                publish();
            });
        }
    }

    /** Whether an ACK waits for the partner's answer to its lease update. */
    public boolean waitsForPartner() {
        return waits;
    }

    /** Sends the lease to the partner (batched); completes with its answer, or {@link HaUpdate#NOT_SENT}. */
    public CompletableFuture<HaUpdate> replicate(Lease lease) {
        if (!sends) {
            return CompletableFuture.completedFuture(HaUpdate.NOT_SENT);
        }
        CompletableFuture<HaUpdate> done = new CompletableFuture<>();
        outbox.add(new Pending(lease, done));
        if (flushQueued.compareAndSet(false, true)) {
            loop.execute(this::flush);
        }
        return done;
    }

    public HaState state() {
        return published;
    }

    /** Lease-update counts, for the metrics. */
    public record Counts(long sent, long failed, long received, long conflicts) {
    }

    public Counts counts() {
        return new Counts(updatesSent.get(), updatesFailed.get(), updatesReceived.get(), conflicts.get());
    }

    // ---- the HA thread ----

    private void heartbeat() {
        if (heartbeatInFlight) {
            return;
        }
        heartbeatInFlight = true;
        ObjectNode body = HaWire.object();
        body.put("state", machine.state().word());
        link.post(HaWire.HEARTBEAT, body, Duration.ofMillis(Math.min(settings.heartbeatMillis(),
                settings.maxResponseMillis()))).whenCompleteAsync((answer, err) -> {
                    heartbeatInFlight = false;
                    long now = clock.getAsLong();
                    Optional<HaState> partner = Optional.ofNullable(answer)
                            .flatMap(a -> Optional.ofNullable(a.get("state"))).map(JsonNode::asText)
                            .flatMap(HaState::ofWord);
                    if (err == null && partner.isPresent()) {
                        if (machine.communicationInterrupted()) {
                            LOG.info("ha.partner.answering partner={} state={} after={}ms", settings.partner().name(),
                                    partner.get().word(), now - machine.lastAnswerAt());
                        }
                        machine.answered(partner.get(), answer.get("_clock").asLong(), now);
                    } else {
                        rare.log(Level.WARN, "ha.partner.unanswered", "partner=" + settings.partner().name() + " at="
                                + link.where() + " silent_for=" + (now - machine.lastAnswerAt()) + "ms error=\""
                                + (err != null ? HaPartnerLink.reason(err).orElse("") : "no state in the answer")
                                + "\"");
                        machine.unanswered(now);
                    }
                    publish();
                }, loop);
    }

    /** Makes the machine's verdict visible to dhcpd, logs a change, and starts a sync when due. */
    private void publish() {
        HaState before = published;
        HaState now = machine.state();
        serving = machine.serving();
        waits = machine.waitsForPartner();
        sends = machine.sendsUpdates();
        published = now;
        if (before != now) {
            Level level = now == HaState.PARTNER_DOWN || now == HaState.TERMINATED ? Level.WARN : Level.INFO;
            LOG.atLevel(level).log("ha.state node={} from={} to={} serving={} partner={} reason=\"{}\"",
                    settings.thisNode(), before.word(), now.word(), serving.name().toLowerCase(java.util.Locale.ROOT),
                    machine.partnerState().map(HaState::word).orElse("unknown"), machine.reason());
        }
        if (now == HaState.SYNCING && !syncing) {
            sync();
        }
    }

    private void sync() {
        syncing = true;
        long started = clock.getAsLong();
        CompletableFuture<String> done = leases.sharedStore()
                ? leases.reloadFromStore().thenApply(n -> n + " rows from the shared database")
                : link.post(HaWire.LEASES, HaWire.object(), Duration.ofSeconds(30)).thenCompose(answer -> {
                    List<Lease> theirs;
                    try {
                        theirs = HaWire.leases(answer.get("leases"));
                    } catch (HaWire.BadMessage e) {
                        return CompletableFuture.failedFuture(e);
                    }
                    return leases.apply(theirs).thenApply(r -> theirs.size() + " leases from "
                            + settings.partner().name() + " (" + r.stream().filter(a -> a instanceof Applied.Conflict)
                            .count() + " in conflict, kept ours)");
                });
        done.whenCompleteAsync((detail, err) -> {
            syncing = false;
            long now = clock.getAsLong();
            machine.synced(err == null, err == null ? detail + " in " + (now - started) + " ms"
                    : HaPartnerLink.reason(err).orElse("failed"), now);
            publish();
        }, loop);
    }

    private void flush() {
        flushQueued.set(false);
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = outbox.poll()) != null; ) {
            batch.add(p);
        }
        if (!outbox.isEmpty() && flushQueued.compareAndSet(false, true)) {
            loop.execute(this::flush);
        }
        if (batch.isEmpty()) {
            return;
        }
        ObjectNode body = HaWire.object();
        body.set("leases", HaWire.leases(batch.stream().map(Pending::lease).toList()));
        link.post(HaWire.LEASE_UPDATES, body, Duration.ofMillis(Math.min(2_000, settings.maxResponseMillis())))
                .whenCompleteAsync((answer, err) -> {
                    JsonNode results = answer == null ? null : answer.get("results");
                    if (err != null || results == null || !results.isArray() || results.size() != batch.size()) {
                        updatesFailed.addAndGet(batch.size());
                        rare.log(Level.WARN, "ha.lease_updates.failed", "partner=" + settings.partner().name()
                                + " leases=" + batch.size() + " error=\"" + (err != null
                                ? HaPartnerLink.reason(err).orElse("") : "answer without one result per lease")
                                + "\" (no ACK waits for it now)");
                        batch.forEach(p -> p.done.complete(HaUpdate.FAILED));
                        machine.unanswered(clock.getAsLong());
                        publish();
                        return;
                    }
                    updatesSent.addAndGet(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).done.complete(update(results.get(i)));
                    }
                }, loop);
    }

    private HaUpdate update(JsonNode r) {
        String word = r.path("result").asText("");
        HaUpdate.Result result = switch (word) {
            case "taken" -> HaUpdate.Result.TAKEN;
            case "stale" -> HaUpdate.Result.STALE;
            case "conflict" -> HaUpdate.Result.CONFLICT;
            case "unknown" -> HaUpdate.Result.UNKNOWN;
            default -> HaUpdate.Result.FAILED;
        };
        Optional<Lease> holder = Optional.empty();
        if (result == HaUpdate.Result.CONFLICT) {
            conflicts.incrementAndGet();
            try {
                holder = Optional.of(HaWire.lease(r.get("holder")));
            } catch (HaWire.BadMessage e) {
                holder = Optional.empty();
            }
        }
        return new HaUpdate(result, holder);
    }

    // ---- what the partner asks, through the listener ----

    ObjectNode onHeartbeat(ObjectNode in) {
        ObjectNode o = HaWire.object();
        o.put("state", published.word());
        o.put("node", settings.thisNode());
        return o;
    }

    CompletableFuture<ObjectNode> onLeaseUpdates(List<Lease> theirs) {
        updatesReceived.addAndGet(theirs.size());
        return leases.apply(theirs).thenApply(results -> {
            ObjectNode o = HaWire.object();
            ArrayNode a = o.putArray("results");
            for (Applied r : results) {
                ObjectNode one = a.addObject();
                if (r instanceof Applied.Taken) {
                    one.put("result", "taken");
                } else if (r instanceof Applied.Stale) {
                    one.put("result", "stale");
                } else if (r instanceof Applied.Conflict c) {
                    one.put("result", "conflict");
                    one.set("holder", HaWire.lease(c.ours()));
                } else {
                    one.put("result", "unknown");
                }
            }
            return o;
        });
    }

    CompletableFuture<ObjectNode> onSync() {
        return leases.snapshot().thenApply(list -> {
            ObjectNode o = HaWire.object();
            o.set("leases", HaWire.leases(list));
            LOG.info("ha.sync.served partner={} leases={}", settings.partner().name(), list.size());
            return o;
        });
    }

    /** What {@code phoneprov ha status} prints, read on the HA thread. */
    CompletableFuture<ObjectNode> onStatus() {
        return CompletableFuture.supplyAsync(this::status, loop);
    }

    private ObjectNode status() {
        ObjectNode o = HaWire.object();
        o.put("node", settings.thisNode());
        o.put("role", settings.self().role().word());
        o.put("mode", settings.mode().word());
        o.put("state", published.word());
        o.put("serving", serving.name().toLowerCase(java.util.Locale.ROOT));
        o.put("partner", settings.partner().name());
        o.put("partner_at", link.where());
        o.put("partner_state", machine.partnerState().map(HaState::word).orElse("unknown"));
        o.put("communication_interrupted", machine.communicationInterrupted());
        o.put("unacked_clients", machine.unackedClients());
        o.put("state_since_ms", machine.changedAt());
        o.put("reason", machine.reason());
        o.put("store", leases.sharedStore() ? "shared" : "own");
        o.put("lease_updates_sent", updatesSent.get());
        o.put("lease_updates_failed", updatesFailed.get());
        o.put("lease_updates_received", updatesReceived.get());
        o.put("conflicts", conflicts.get());
        return o;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        listener.close();
        Pending p;
        while ((p = outbox.poll()) != null) {
            p.done.complete(HaUpdate.FAILED);
        }
    }
}
