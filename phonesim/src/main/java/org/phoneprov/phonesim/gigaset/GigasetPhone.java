package org.phoneprov.phonesim.gigaset;

import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.ConfigSn;
import org.phoneprov.phonesim.aps.FetchRecord;
import org.phoneprov.phonesim.aps.LcdMessage;
import org.phoneprov.phonesim.aps.RunResult;
import org.phoneprov.phonesim.aps.Sleeper;
import org.phoneprov.phonesim.aps.VlanDecision;
import org.phoneprov.phonesim.dhcp.DhcpClient;
import org.phoneprov.phonesim.dhcp.DhcpLease;
import org.phoneprov.phonesim.dhcp.DhcpResult;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.phone.BootReport;
import org.phoneprov.phonesim.phone.Bootable;
import org.phoneprov.phonesim.phone.CheckSyncs;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.phoneprov.phonesim.phone.PhoneSettings;
import org.phoneprov.phonesim.phone.PhoneState;
import org.phoneprov.phonesim.phone.PhoneStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated Gigaset's boot (Gigaset seed, "Autoprovisioning Message Flow"): DHCP, then its
 * profile from where {@link ProfileLocation} says, redirects followed and an activation code's
 * digest answered ({@link ProfileFetch}), opened with its provider's key when encrypted
 * ({@link ProfileBytes}), read ({@link ProfileXml}) and applied when its {@code MAC_ADDRESS} is the
 * phone's ("If not correct, no settings will be changed", Wazo's N720 template). The accounts it
 * then registers come from the profile ({@link ProfileAccounts}); a line that cannot register is
 * a problem of the {@link BootReport}, as on an ST20xx.
 *
 * <p>What it keeps across boots, in the same store as the ST20xx ({@link PhoneState}): the
 * applied settings (as its "MAC config", with a digest of the profile as its {@code config_sn}),
 * where it got them, and that its activation code was accepted. A one-shot code refused (403)
 * after it worked for this phone is how the seed's one-shot code is meant to end: the phone keeps
 * the profile it got and stays provisioned. "Server unreachable" is retried as the ST20xx does
 * ({@link PhoneSettings#retry()}). Not modelled: check-sync (the Gigaset seed names no NOTIFY),
 * the SIP multicast discovery, periodic checks of the profile's {@code DATA_SERVER}.
 */
public final class GigasetPhone implements Bootable {
    private static final Logger LOG = LoggerFactory.getLogger(GigasetPhone.class);
    /** {@link PhoneState#files()} keys: where the profile came from, and the code that was accepted. */
    static final String PROFILE = "profile";
    static final String ACTIVATION = "activation_code";

    private final PhoneIdentity id;
    private final GigasetSetup setup;
    private final PhoneSettings settings;
    private final PhoneStateStore store;
    private final DhcpClient dhcp;
    private final Function<InetAddress, ProfileHttp> http;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Supplier<String> cnonces;
    private volatile PhoneState state;
    private volatile Optional<DhcpLease> lease = Optional.empty();
    private volatile Optional<InetAddress> address = Optional.empty();
    private String loadProblem;

    /** @param http the phone's way to the servers, from the address it leased (or its static one) */
    public GigasetPhone(PhoneIdentity id, GigasetSetup setup, PhoneSettings settings, PhoneStateStore store,
                        DhcpClient dhcp, Function<InetAddress, ProfileHttp> http) {
        this(id, setup, settings, store, dhcp, http, Sleeper.REAL, System::nanoTime, randomCnonces());
    }

    GigasetPhone(PhoneIdentity id, GigasetSetup setup, PhoneSettings settings, PhoneStateStore store, DhcpClient dhcp,
                 Function<InetAddress, ProfileHttp> http, Sleeper sleeper, LongSupplier nanoTime,
                 Supplier<String> cnonces) {
        if (!id.model().isGigaset()) {
            throw new IllegalArgumentException(id.model() + " is not a Gigaset");
        }
        this.id = id;
        this.setup = setup;
        this.settings = settings;
        this.store = store;
        this.dhcp = dhcp;
        this.http = http;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.cnonces = cnonces;
        PhoneStateStore.Loaded loaded = store.loadOrFactory(id);
        this.state = loaded.state();
        this.loadProblem = loaded.note();
    }

    /** What one provisioning attempt (retries included) came to. */
    private record Run(BootReport.Outcome outcome, String detail, List<FetchRecord> fetches, Optional<URI> at,
                       List<String> changes, int attempts, ProfileAccounts.Lines lines) {
    }

    @Override
    public synchronized BootReport boot() {
        long start = nanoTime.getAsLong();
        String notes = loadProblem;
        loadProblem = "";
        Optional<DhcpResult> dhcpResult = Optional.empty();
        lease = Optional.empty();
        if (settings.staticAddress().isPresent()) {
            address = settings.staticAddress();
        } else {
            DhcpResult r = dhcp.obtain(id, false, settings.dhcpTiming());
            dhcpResult = Optional.of(r);
            if (r.lease().isEmpty()) {
                address = Optional.empty();
                return report(BootReport.Outcome.DHCP_FAILED, notes + r.detail(), Optional.empty(), dhcpResult, start,
                        0, ProfileAccounts.read(Map.of(), id.model()));
            }
            lease = r.lease();
            address = Optional.of(lease.get().address());
        }
        long dhcpNanos = dhcpResult.map(r -> r.elapsed().toNanos()).orElse(0L);
        ProfileLocation.Start where = ProfileLocation.start(setup, lease, id.mac());
        if (where instanceof ProfileLocation.None none) {
            return report(BootReport.Outcome.NO_SERVER, notes + none.why(), Optional.empty(), dhcpResult, start,
                    dhcpNanos, ProfileAccounts.read(Map.of(), id.model()));
        }
        ProfileLocation.Found found = (ProfileLocation.Found) where;
        long t0 = nanoTime.getAsLong();
        Run run = provision(found);
        Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - t0);
        notes = save(notes);
        // RunResult's error is an ST20xx's LCD text; a Gigaset's failed run is marked with the
        // generic one, never shown (report() gives a Gigaset no LCD text).
        RunResult result = new RunResult(run.outcome() == BootReport.Outcome.PROVISIONED ? Optional.empty()
                : Optional.of(LcdMessage.PROVISION_ERROR), run.detail(), state, false, run.changes(), run.fetches(),
                found.source(), run.at().map(Location.Http::new), run.attempts(), elapsed);
        return report(run.outcome(), notes + run.detail(), Optional.of(result), dhcpResult, start, dhcpNanos,
                run.lines());
    }

    private Run provision(ProfileLocation.Found found) {
        List<FetchRecord> fetches = new ArrayList<>();
        ProfileFetch.Outcome o;
        int attempt = 1;
        while (true) {
            try (ProfileHttp h = http.apply(address.orElseThrow())) {
                ProfileFetch f = new ProfileFetch(h, setup.credentials(), cnonces);
                o = f.fetch(found.uri());
                fetches.addAll(f.fetches());
            }
            boolean again = o instanceof ProfileFetch.Failed x && x.kind() == ProfileFetch.Kind.UNREACHABLE
                    && attempt <= settings.retry().retries();
            if (!again) {
                break;
            }
            LOG.debug("gigaset.retry phone={} attempt={} delay={}", id, attempt, settings.retry().delay());
            sleeper.sleep(settings.retry().delay());
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            attempt++;
        }
        if (o instanceof ProfileFetch.Failed failed) {
            return refused(failed, fetches, attempt);
        }
        ProfileFetch.Got got = (ProfileFetch.Got) o;
        ProfileBytes.Opened opened = ProfileBytes.open(got.body(), setup.profileKey());
        if (opened instanceof ProfileBytes.Unopened u) {
            return failed("profile unreadable: " + got.at() + ": " + u.why(), fetches, attempt);
        }
        ProfileBytes.Plain plain = (ProfileBytes.Plain) opened;
        ProfileXml.Read read = ProfileXml.parse(plain.xml());
        if (read instanceof ProfileXml.Unreadable u) {
            return failed("profile unreadable: " + got.at() + ": " + u.why(), fetches, attempt);
        }
        ProfileXml.Profile profile = (ProfileXml.Profile) read;
        Optional<String> mac = profile.get(ProfileXml.MAC_ADDRESS);
        if (mac.flatMap(Mac::parse).filter(id.mac()::equals).isEmpty()) {
            return failed("profile unreadable: " + got.at() + " is for " + ProfileXml.MAC_ADDRESS + "="
                    + mac.orElse("(none)") + ", not this phone's " + id.mac().hex() + ": no settings changed", fetches,
                    attempt);
        }
        String version = version(plain.xml());
        boolean changed = !version.equals(state.configSn());
        state = state.withMac(version, profile.settings()).withDownloaded(PROFILE, got.at().toString());
        if (setup.credentials().isPresent()) {
            state = state.withDownloaded(ACTIVATION, setup.credentials().get().user());
        }
        String how = (plain.encrypted() ? ", decrypted with the provider key" : "")
                + (got.redirects() > 0 ? ", after " + got.redirects() + " redirect(s)" : "");
        return new Run(BootReport.Outcome.PROVISIONED, (changed ? "applied profile " : "profile unchanged: ")
                + got.at() + how, fetches, Optional.of(got.at()), changed ? List.of(PROFILE + " " + got.at())
                : List.of(), attempt, ProfileAccounts.read(profile.settings(), id.model()));
    }

    /**
     * No profile this time. The detail starts with what the report groups failures by (FailureCause):
     * a missing profile, a refused code. A one-shot code refused after this phone applied what it
     * gave leaves the phone as it was: provisioned.
     */
    private Run refused(ProfileFetch.Failed f, List<FetchRecord> fetches, int attempts) {
        boolean withCode = setup.credentials().isPresent();
        boolean codeRefused = withCode && (f.kind() == ProfileFetch.Kind.FORBIDDEN
                || f.kind() == ProfileFetch.Kind.UNAUTHORIZED);
        String user = setup.credentials().map(DigestCredentials::user).orElse("");
        if (codeRefused && f.kind() == ProfileFetch.Kind.FORBIDDEN && !state.configSn().isEmpty()
                && state.lastName(ACTIVATION).equals(user)) {
            Optional<URI> before = uri(state.lastName(PROFILE));
            return new Run(BootReport.Outcome.PROVISIONED, "kept the profile applied before: " + f.detail()
                    + " (a one-shot code works once)", fetches, before, List.of(), attempts,
                    ProfileAccounts.read(state.mac(), id.model()));
        }
        String prefix = codeRefused ? "activation code refused: " : f.kind() == ProfileFetch.Kind.NOT_FOUND
                ? "no Gigaset profile: " : "";
        return failed(prefix + f.detail(), fetches, attempts);
    }

    private Run failed(String detail, List<FetchRecord> fetches, int attempts) {
        return new Run(BootReport.Outcome.FAILED, detail, fetches, Optional.empty(), List.of(), attempts,
                ProfileAccounts.read(Map.of(), id.model()));
    }

    private BootReport report(BootReport.Outcome o, String detail, Optional<RunResult> run,
                              Optional<DhcpResult> dhcpResult, long start, long dhcpNanos,
                              ProfileAccounts.Lines lines) {
        boolean ok = o == BootReport.Outcome.PROVISIONED;
        Duration provisioning = run.map(RunResult::elapsed).orElse(Duration.ZERO);
        // No LCD text: what a Gigaset shows when provisioning fails is not in its seed.
        BootReport r = new BootReport(o, Optional.empty(), detail, run.map(List::of).orElse(List.of()), 0,
                dhcpResult, lease, VlanDecision.UNTAGGED, VlanDecision.UNTAGGED, Duration.ofNanos(dhcpNanos),
                provisioning, Duration.ofNanos(nanoTime.getAsLong() - start),
                ok ? lines.accounts() : List.of(), ok ? lines.problems() : List.of());
        LOG.debug("phone.boot.done phone={} {}", id, r);
        return r;
    }

    /** Saves the state; returns the notes, with a line added when saving failed. */
    private String save(String notes) {
        return notes + store.saveOrNote(id, state);
    }

    /** A digest of the profile: tells a changed profile from the one applied before. */
    static String version(byte[] xml) {
        return ConfigSn.shortHash(xml, 16);
    }

    /** A URL from the state file, which an admin may have edited: one that does not parse is none. */
    private static Optional<URI> uri(String saved) {
        try {
            return saved.isEmpty() ? Optional.empty() : Optional.of(URI.create(saved));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Supplier<String> randomCnonces() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] b = new byte[16];
            random.nextBytes(b);
            return HexFormat.of().formatHex(b);
        };
    }

    @Override
    public PhoneIdentity identity() {
        return id;
    }

    @Override
    public Optional<InetAddress> address() {
        return address;
    }

    /** None: the Gigaset seed names no check-sync NOTIFY (and sipd's notify sends Gigasets none). */
    @Override
    public Optional<CheckSyncs> checkSyncs() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id + " " + setup;
    }
}
