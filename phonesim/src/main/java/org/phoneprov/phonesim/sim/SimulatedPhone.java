package org.phoneprov.phonesim.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.phoneprov.phonesim.cwmp.AcsSettings;
import org.phoneprov.phonesim.cwmp.CpeIdentity;
import org.phoneprov.phonesim.cwmp.CwmpPhone;
import org.phoneprov.phonesim.gigaset.DigestCredentials;
import org.phoneprov.phonesim.net.HttpFetch;
import org.phoneprov.phonesim.phone.PhoneStateStore;
import org.phoneprov.phonesim.phone.BootReport;
import org.phoneprov.phonesim.phone.Bootable;
import org.phoneprov.phonesim.phone.CheckSyncs;
import org.phoneprov.phonesim.phone.Phone;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.phoneprov.phonesim.sip.CheckSync;
import org.phoneprov.phonesim.sip.PhoneSipPort;

/**
 * A phone with its SIP port: it boots, then, if it takes check-sync at all ({@link Bootable#checkSyncs()}:
 * an ST20xx {@link Phone}, not a Gigaset), listens for it on its own address (APS seed 3.4) and
 * re-provisions on the simulation's worker threads, so the SIP receive thread is never held up
 * by a provisioning run.
 */
final class SimulatedPhone implements AutoCloseable {
    private final Bootable phone;
    private final ExecutorService workers;
    private final Simulation.Listener listener;
    private volatile String crash = "";
    private final List<BootReport> checkSyncRuns = new CopyOnWriteArrayList<>();
    private volatile PhoneSipPort sip;
    private volatile BootReport boot;
    private final UnaryOperator<InetAddress> listenAt;
    private final Optional<Cpe> cpe;
    private volatile CwmpPhone cwmp;

    /** How the phone is also a TR-069 CPE: its plan, where its state lives, its HTTP client from an address. */
    record Cpe(CwmpPlan plan, PhoneStateStore store, Function<InetAddress, HttpFetch> http) {
    }

    /**
     * @param listenAt where the phone with a lease listens for check-sync: where it sends from
     * @param cpe      when set, after booting the phone also runs its TR-069 CPE against the plan's ACS
     */
    SimulatedPhone(Bootable phone, ExecutorService workers, Simulation.Listener listener,
                   UnaryOperator<InetAddress> listenAt, Optional<Cpe> cpe) {
        this.phone = phone;
        this.listenAt = listenAt;
        this.cpe = cpe;
        this.workers = workers;
        this.listener = listener;
    }

    PhoneIdentity identity() {
        return phone.identity();
    }

    Bootable phone() {
        return phone;
    }

    /** Boots; on success opens the SIP port on the address the phone sends from. Returns the boot's report. */
    BootReport boot(boolean listen) {
        boot = phone.boot();
        if (listen && boot.provisioned() && sip == null) {
            openSip();
        }
        startCpe();
        return boot;
    }

    /** Once the phone has an address, its CPE (if it is one) powers up and runs its boot session. */
    void startCpe() {
        if (cpe.isPresent() && cwmp == null && phone.address().isPresent()) {
            startCwmp(cpe.get(), phone.address().get());
        }
    }

    /** The CPE informs from the address the phone sends from and takes Connection Requests there. */
    private void startCwmp(Cpe c, InetAddress leased) {
        PhoneIdentity id = phone.identity();
        DigestCredentials who = c.plan().credentialsOf(id.mac());
        AcsSettings acs = new AcsSettings(c.plan().acsUrl(), who.user(), who.password(), c.plan().periodic());
        String maker = id.model().isGigaset() ? "Gigaset" : PhoneIdentity.MANUFACTURER;
        CpeIdentity cpeId = new CpeIdentity(maker, id.mac().hex().substring(0, 6), id.model().name(), id.mac().hex(),
                "phonesim", id.model().name());
        Optional<java.nio.file.Path> file = c.store().directory().map(d -> d.resolve("cwmp-" + id.model()
                .filePrefix() + id.mac().hex() + ".json"));
        cwmp = new CwmpPhone(new CwmpPhone.Setup(c.plan().root(), cpeId, acs, 2, listenAt.apply(leased), file),
                c.http().apply(leased), java.time.Clock.systemUTC());
        try {
            cwmp.start(java.time.Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The CPE's report line; empty when the phone is no CPE. */
    String cwmpLine() {
        if (cpe.isEmpty()) {
            return "";
        }
        return cwmp == null ? "cwmp FAILED no address" : cwmp.report().line();
    }

    private void openSip() {
        Optional<InetAddress> at = phone.address();
        Optional<CheckSyncs> takes = phone.checkSyncs();
        if (at.isEmpty() || takes.isEmpty()) {
            return;
        }
        CheckSyncs cs = takes.get();
        InetSocketAddress bindAt = new InetSocketAddress(listenAt.apply(at.get()), cs.sipPort());
        sip = new PhoneSipPort(bindAt, cs::obeys, c -> checkSync(cs, c));
    }

    private void checkSync(CheckSyncs cs, CheckSync c) {
        workers.execute(() -> {
            String before = cs.configSn();
            BootReport r = cs.onCheckSync(c);
            checkSyncRuns.add(r);
            listener.checkSync(phone.identity(), r, before, cs.configSn());
        });
    }

    /** A bug in the simulator, not the phone's doing: reported as such rather than lost. */
    void failed(RuntimeException e) {
        crash = e.toString();
    }

    String crash() {
        return crash;
    }

    Optional<BootReport> bootReport() {
        return Optional.ofNullable(boot);
    }

    List<BootReport> checkSyncRuns() {
        return List.copyOf(checkSyncRuns);
    }

    int ignoredNotifies() {
        return sip == null ? 0 : sip.ignored();
    }

    int obeyedNotifies() {
        return sip == null ? 0 : sip.obeyed();
    }

    @Override
    public void close() {
        if (sip != null) {
            sip.close();
        }
        if (cwmp != null) {
            cwmp.close();
        }
    }
}
