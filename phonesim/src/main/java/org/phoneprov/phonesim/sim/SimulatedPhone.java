package org.phoneprov.phonesim.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
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

    /** @param listenAt where the phone with a lease listens for check-sync: where it sends from */
    SimulatedPhone(Bootable phone, ExecutorService workers, Simulation.Listener listener,
                   UnaryOperator<InetAddress> listenAt) {
        this.phone = phone;
        this.listenAt = listenAt;
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
        return boot;
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
    }
}
