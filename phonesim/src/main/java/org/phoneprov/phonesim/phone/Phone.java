package org.phoneprov.phonesim.phone;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.aps.InfPlan;
import org.phoneprov.phonesim.aps.InfSearch;
import org.phoneprov.phonesim.aps.NotifyPolicy;
import org.phoneprov.phonesim.aps.Preconfigured;
import org.phoneprov.phonesim.aps.ProvisioningRun;
import org.phoneprov.phonesim.aps.RunResult;
import org.phoneprov.phonesim.aps.Sleeper;
import org.phoneprov.phonesim.aps.VlanDecision;
import org.phoneprov.phonesim.aps.VlanPolicy;
import org.phoneprov.phonesim.dhcp.DhcpClient;
import org.phoneprov.phonesim.dhcp.DhcpLease;
import org.phoneprov.phonesim.dhcp.DhcpResult;
import org.phoneprov.phonesim.fetch.Fetcher;
import org.phoneprov.phonesim.sip.CheckSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated phone's life (seed 1.2, 3.1, 3.4): at power-up, DHCP (unless it has a
 * static setup), the VLAN decision (4.5), the INF search (2.2) and a provisioning run;
 * "Reboot if any upgrade was successful" (2.4.1 step 18) — a new DHCP and run — until a
 * run finds nothing new to apply. A check-sync NOTIFY the phone {@linkplain #obeys obeys}
 * runs provisioning again: with {@code reboot=true} as a full reboot, otherwise from the
 * pre-configured servers ("the phone needs to have TFTP/HTTP servers and .inf file
 * preconfigured", 3.4). The state is saved after every run. A provisioned SIP phone then
 * reads its accounts from what it applied ({@link SipAccounts}); a line 1 without one is a
 * problem in its {@link BootReport}, not a failed provisioning.
 *
 * <p>Not modelled: the random start within {@code AutoprovisionTimeSpan} (3.1) and
 * periodic upgrades (3.2); the simulator decides when phones boot.
 *
 * <p>One phone is driven by one thread at a time; {@link #boot} and {@link #onCheckSync}
 * are serialized, {@link #obeys} may be called from the SIP thread.
 */
public final class Phone implements Bootable, CheckSyncs {
    private static final Logger LOG = LoggerFactory.getLogger(Phone.class);
    private final PhoneIdentity id;
    private final PhoneSettings settings;
    private final PhoneStateStore store;
    private final DhcpClient dhcp;
    private final Function<InetAddress, Fetcher> fetchers;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private volatile PhoneState state;
    private volatile Optional<DhcpLease> lease = Optional.empty();
    private volatile Optional<InetAddress> address = Optional.empty();
    private volatile VlanDecision vlan = VlanDecision.UNTAGGED;
    private String loadProblem;

    /**
     * @param fetchers a phone's way to the servers, bound to the address it leased (or its static one)
     */
    public Phone(PhoneIdentity id, PhoneSettings settings, PhoneStateStore store, DhcpClient dhcp,
                 Function<InetAddress, Fetcher> fetchers) {
        this(id, settings, store, dhcp, fetchers, Sleeper.REAL, System::nanoTime);
    }

    public Phone(PhoneIdentity id, PhoneSettings settings, PhoneStateStore store, DhcpClient dhcp,
                 Function<InetAddress, Fetcher> fetchers, Sleeper sleeper, LongSupplier nanoTime) {
        this.id = id;
        this.settings = settings;
        this.store = store;
        this.dhcp = dhcp;
        this.fetchers = fetchers;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        // A phone with unreadable flash starts as from the factory; the report says so.
        PhoneStateStore.Loaded loaded = store.loadOrFactory(id);
        this.state = loaded.state();
        this.loadProblem = loaded.note();
    }

    /** Power-up (seed 3.1). */
    @Override
    public synchronized BootReport boot() {
        return cycle(true);
    }

    /**
     * A check-sync the phone obeyed (seed 3.4): {@code reboot=true} reboots (DHCP and all);
     * otherwise provisioning runs from the pre-configured servers, and the phone reboots
     * only if that run upgraded something.
     */
    @Override
    public synchronized BootReport onCheckSync(CheckSync notify) {
        LOG.debug("phone.checksync phone={} from={} reboot={}", id, notify.from(), notify.reboot());
        return cycle(notify.reboot() || address.isEmpty());
    }

    /**
     * Whether a check-sync NOTIFY from {@code source} is obeyed (seed 3.4):
     * {@code sw_notify_autoprovision=1} and {@code AuthNotifyCheckSync} is
     * {@code 0.0.0.0} or that source.
     */
    @Override
    public boolean obeys(InetAddress source) {
        return NotifyPolicy.obeys(state, source, NotifyPolicy.SYSTEM_RESOLVER);
    }

    private BootReport cycle(boolean rebootFirst) {
        long start = nanoTime.getAsLong();
        long dhcpNanos = 0;
        long runNanos = 0;
        List<RunResult> runs = new ArrayList<>();
        Optional<DhcpResult> lastDhcp = Optional.empty();
        VlanDecision handshake = vlan;
        String notes = loadProblem;
        loadProblem = "";
        boolean reboot = rebootFirst;
        for (int reboots = 0; ; reboots++) {
            if (reboot) {
                state = state.booted();
                lease = Optional.empty();
                handshake = VlanPolicy.atBoot(state);
                if (settings.staticAddress().isPresent()) {
                    address = settings.staticAddress();
                } else {
                    boolean askVlan = state.vlanParameter().orElse(settings.vlanEnabled());
                    DhcpResult r = dhcp.obtain(id, askVlan, settings.dhcpTiming());
                    dhcpNanos += r.elapsed().toNanos();
                    lastDhcp = Optional.of(r);
                    if (r.lease().isEmpty()) {
                        address = Optional.empty();
                        return report(BootReport.Outcome.DHCP_FAILED, runs, reboots, lastDhcp,
                                handshake, notes + r.detail(), start, dhcpNanos, runNanos);
                    }
                    lease = r.lease();
                    address = Optional.of(lease.get().address());
                }
                Optional<Vlan> fromDhcp = lease.flatMap(DhcpLease::vlan);
                vlan = VlanPolicy.afterDhcp(state, fromDhcp);
                state = VlanPolicy.remember(state, fromDhcp);
            }
            // Without a reboot (check-sync reboot=false) only pre-configured servers count (3.4).
            InfPlan plan = InfSearch.plan(id, Preconfigured.of(settings, state), reboot ? lease : Optional.empty());
            if (plan.isEmpty()) {
                save(notes);
                return report(BootReport.Outcome.NO_SERVER, runs, reboots, lastDhcp, handshake,
                        notes + plan.detail(), start, dhcpNanos, runNanos);
            }
            RunResult run;
            long t0 = nanoTime.getAsLong();
            try (Fetcher f = fetchers.apply(address.orElseThrow())) {
                run = new ProvisioningRun(id, f, settings.retry(), sleeper, nanoTime).run(plan, state, decryptionKey());
            }
            runNanos += nanoTime.getAsLong() - t0;
            runs.add(run);
            state = run.state();
            notes = save(notes);
            if (!run.ok()) {
                return report(BootReport.Outcome.FAILED, runs, reboots, lastDhcp, handshake, notes + run.detail(), start,
                        dhcpNanos, runNanos);
            }
            if (!run.rebootNeeded()) {
                return report(BootReport.Outcome.PROVISIONED, runs, reboots, lastDhcp, handshake, notes + run.detail(),
                        start, dhcpNanos, runNanos);
            }
            if (reboots >= settings.maxReboots()) {
                return report(BootReport.Outcome.REBOOT_LIMIT, runs, reboots, lastDhcp, handshake,
                        notes + "still upgrading after " + reboots + " reboots: " + run.detail(), start, dhcpNanos,
                        runNanos);
            }
            LOG.debug("phone.reboot phone={} after={}", id, run.detail());
            reboot = true;
        }
    }

    /** Seed 6: the key from the config files, else the one set up, else the default. */
    private String decryptionKey() {
        return state.decryptionKey().or(settings::decryptionKey).orElse(PhoneSettings.DEFAULT_DECRYPTION_KEY);
    }

    /** Saves the state; returns the notes, with a line added when saving failed. */
    private String save(String notes) {
        return notes + store.saveOrNote(id, state);
    }

    private BootReport report(BootReport.Outcome o, List<RunResult> runs, int reboots, Optional<DhcpResult> dhcpResult,
                              VlanDecision handshake, String detail, long start, long dhcpNanos, long runNanos) {
        Optional<org.phoneprov.phonesim.aps.LcdMessage> lcd = runs.isEmpty() || o != BootReport.Outcome.FAILED
                ? Optional.empty() : runs.get(runs.size() - 1).error();
        // A provisioned SIP phone goes on to register its lines: which ones its config gives it.
        // MGCP phones are not checked: the MGCP firmware's key names are not known (seed 2.7
        // defers them to "ST20XXM_Config File Syntax"; see docs/vendor-formats.md).
        Optional<SipAccounts> sip = o == BootReport.Outcome.PROVISIONED && id.model().protocol() == Model.Protocol.SIP
                ? Optional.of(SipAccounts.of(state, id.model().lines())) : Optional.empty();
        BootReport r = new BootReport(o, lcd, detail, runs, reboots, dhcpResult, lease, handshake, vlan,
                Duration.ofNanos(dhcpNanos), Duration.ofNanos(runNanos), Duration.ofNanos(nanoTime.getAsLong() - start),
                sip.map(SipAccounts::accounts).orElse(List.of()), sip.map(SipAccounts::problems).orElse(List.of()));
        LOG.debug("phone.boot.done phone={} {}", id, r);
        return r;
    }

    @Override
    public PhoneIdentity identity() {
        return id;
    }

    @Override
    public Optional<CheckSyncs> checkSyncs() {
        return Optional.of(this);
    }

    @Override
    public int sipPort() {
        return settings.sipPort();
    }

    @Override
    public String configSn() {
        return state.configSn();
    }

    public PhoneSettings settings() {
        return settings;
    }

    public PhoneState state() {
        return state;
    }

    /** The lease of the last boot; empty before the first boot, after a failed DHCP, or with a static setup. */
    public Optional<DhcpLease> lease() {
        return lease;
    }

    /** The phone's address: leased or static; empty before the first boot. */
    @Override
    public Optional<InetAddress> address() {
        return address;
    }

    /** The VLAN in effect (seed 4.5.2: what the phone's menu shows). */
    public VlanDecision vlan() {
        return vlan;
    }
}
