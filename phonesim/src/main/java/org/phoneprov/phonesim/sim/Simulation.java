package org.phoneprov.phonesim.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.phonesim.dhcp.DhcpClient;
import org.phoneprov.phonesim.gigaset.GigasetPhone;
import org.phoneprov.phonesim.gigaset.GigasetSetup;
import org.phoneprov.phonesim.gigaset.ProfileHttp;
import org.phoneprov.phonesim.gigaset.UserAgents;
import org.phoneprov.phonesim.phone.BootReport;
import org.phoneprov.phonesim.phone.Bootable;
import org.phoneprov.phonesim.phone.Phone;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.phoneprov.phonesim.phone.PhoneSettings;
import org.phoneprov.phonesim.phone.PhoneStateStore;

/**
 * N phones powering up as after a power cut (ST20xx and Gigaset phones alike): each at a random moment within
 * {@code spread} (seeded, so runs compare), one thread per phone, each phone's state kept
 * in {@code store} so a second simulation starts where the first ended. With
 * {@code stay}, the phones then keep listening for check-sync that long.
 */
public final class Simulation {
    /** One thread per phone; more than this many phones at once is a load test for another tool. */
    public static final int MAX_PHONES = 5000;

    /**
     * @param gigaset how each Gigaset of {@code phones} is set up (its activation code, its provider's
     *                key, a retail phone's redirect server); one not named is as from the shop
     */
    public record Plan(List<PhoneIdentity> phones, Duration spread, Duration stay, PhoneSettings settings,
                       PhoneStateStore store, long seed, Map<Mac, GigasetSetup> gigaset,
                       java.util.Optional<CwmpPlan> cwmp) {
        public Plan {
            phones = List.copyOf(phones);
            gigaset = Map.copyOf(gigaset);
            if (phones.size() > MAX_PHONES) {
                throw new IllegalArgumentException("at most " + MAX_PHONES + " phones, not " + phones.size());
            }
        }

        public Plan(List<PhoneIdentity> phones, Duration spread, Duration stay, PhoneSettings settings,
                    PhoneStateStore store, long seed, Map<Mac, GigasetSetup> gigaset) {
            this(phones, spread, stay, settings, store, seed, gigaset, java.util.Optional.empty());
        }

        /** The same phones, each also a TR-069 CPE of {@code c}. */
        public Plan withCwmp(CwmpPlan c) {
            return new Plan(phones, spread, stay, settings, store, seed, gigaset, java.util.Optional.of(c));
        }

        /** ST20xx phones, and Gigasets as from the shop. */
        public Plan(List<PhoneIdentity> phones, Duration spread, Duration stay, PhoneSettings settings,
                    PhoneStateStore store, long seed) {
            this(phones, spread, stay, settings, store, seed, Map.of());
        }
    }

    /** What a running simulation tells its watcher; called from phone threads. */
    public interface Listener {
        default void booted(PhoneIdentity id, BootReport r, int done, int total) {
        }

        default void checkSync(PhoneIdentity id, BootReport r, String configSnBefore, String configSnAfter) {
        }
    }

    private final Plan plan;
    private final PhoneNetwork network;
    private final Listener listener;
    private volatile boolean stopStaying;

    public Simulation(Plan plan, PhoneNetwork network, Listener listener) {
        this.plan = plan;
        this.network = network;
        this.listener = listener;
    }

    /** Ends the {@code stay} early (SIGTERM); in-flight runs still finish. */
    public void stopStaying() {
        stopStaying = true;
    }

    public SimulationReport run() throws InterruptedException {
        int n = plan.phones().size();
        ExecutorService boots = Executors.newFixedThreadPool(Math.max(1, n), daemonThreads("phone"));
        ExecutorService checkSyncs = Executors.newFixedThreadPool(Math.max(1, Math.min(n, 64)),
                daemonThreads("checksync"));
        List<SimulatedPhone> phones = new ArrayList<>();
        Random random = new Random(plan.seed());
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch allBooted = new CountDownLatch(n);
        try {
            for (int i = 0; i < n; i++) {
                PhoneIdentity id = plan.phones().get(i);
                SimulatedPhone sp = new SimulatedPhone(phone(id), checkSyncs, listener, network::listenAddress,
                        plan.cwmp().map(c -> new SimulatedPhone.Cpe(c, plan.store(),
                                leased -> network.httpFor(leased, "phonesim-cwmp " + id.model()))));
                phones.add(sp);
                long delayNanos = plan.spread().isZero() ? 0 : (long) (random.nextDouble() * plan.spread().toNanos());
                boots.execute(() -> {
                    BootReport r = null;
                    try {
                        sleepUntil(start + delayNanos);
                        r = sp.boot(true);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        sp.failed(e);
                    } finally {
                        listener.booted(sp.identity(), r, done.incrementAndGet(), n);
                        allBooted.countDown();
                    }
                });
            }
            allBooted.await();
            long end = System.nanoTime();
            long stayUntil = System.nanoTime() + plan.stay().toNanos();
            while (!stopStaying && System.nanoTime() < stayUntil) {
                Thread.sleep(Math.min(200, Math.max(1, (stayUntil - System.nanoTime()) / 1_000_000)));
            }
            for (SimulatedPhone p : phones) {
                p.close();
            }
            checkSyncs.shutdown();
            checkSyncs.awaitTermination(60, TimeUnit.SECONDS);
            return SimulationReport.of(phones, Duration.ofNanos(end - start), network.dhcpMessages(),
                    network.addressing());
        } finally {
            boots.shutdownNow();
            checkSyncs.shutdownNow();
            phones.forEach(SimulatedPhone::close);
        }
    }

    /** An ST20xx that follows the APS seed, or a Gigaset that follows its own. */
    private Bootable phone(PhoneIdentity id) {
        DhcpClient dhcp = new DhcpClient(network.dhcp());
        if (id.model().isGigaset()) {
            String userAgent = UserAgents.of(id);
            return new GigasetPhone(id, plan.gigaset().getOrDefault(id.mac(), GigasetSetup.factory()), plan.settings(),
                    plan.store(), dhcp, leased -> ProfileHttp.over(network.httpFor(leased, userAgent)));
        }
        String model = id.model().name();
        return new Phone(id, plan.settings(), plan.store(), dhcp, leased -> network.fetcherFor(leased, model));
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            // Small stacks: a thousand phones each need a thread, not a megabyte each.
            Thread t = new Thread(null, r, name + "-" + count.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        };
    }
}
