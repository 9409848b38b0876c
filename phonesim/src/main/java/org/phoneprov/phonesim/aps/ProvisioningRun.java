package org.phoneprov.phonesim.aps;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.phoneprov.common.provision.InfFile;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.fetch.Fetcher;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.phoneprov.phonesim.phone.PhoneState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provisioning run of one phone, as the message flows of the seed describe it
 * (2.4.1 SIP/TFTP, 2.4.2 MGCP/TFTP, 2.5.1 SIP/HTTP, 2.5.2 MGCP/HTTP):
 * <ol>
 *   <li>the INF, from the first candidate of the {@link InfPlan} that exists;</li>
 *   <li>the firmware, when its name or URL differs from the last upgraded one (step 2);</li>
 *   <li>each melody, table and certificate file, when its name differs (steps 3–13);</li>
 *   <li>the telcfg, when its name differs "or if the firmware has been updated" (step 14);</li>
 *   <li>the common config, when its name differs (step 15);</li>
 *   <li>the MAC-specific config, always, "if it has been provided on the server" (step 16):
 *       over HTTP the INF's {@code config=} folder plus {@code ST2030S_<MAC>.txt}, over TFTP
 *       that name in the TFTP root (2.4.4); applied only when its {@code config_sn} differs
 *       (step 17);</li>
 *   <li>for MGCP, the deck files, every run (2.1 item 2) — after the reboot decision
 *       (2.4.2 steps 16–17), so a run that must reboot leaves them to the run after it.</li>
 * </ol>
 * Over HTTP the configs are POSTed for (2.5.3), everything else is a GET. Step 2 of 2.5.1
 * also says "Reboot if the firmware has been updated"; since step 14 still depends on the
 * firmware update, the run goes on and the reboot comes at the end (step 18).
 *
 * <p>A run is all or nothing: on an error the phone keeps its old state, shows the LCD
 * message of 2.6 and is "still using" its old firmware. "Server Unreachable" and "Gen File
 * Not Found" are retried (whole run, {@link RetryPolicy}); other errors show at once.
 */
public final class ProvisioningRun {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningRun.class);
    static final int MAX_NAME = 255;
    private final PhoneIdentity id;
    private final Fetcher fetcher;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    public ProvisioningRun(PhoneIdentity id, Fetcher fetcher, RetryPolicy retry, Sleeper sleeper) {
        this(id, fetcher, retry, sleeper, System::nanoTime);
    }

    public ProvisioningRun(PhoneIdentity id, Fetcher fetcher, RetryPolicy retry, Sleeper sleeper,
                           LongSupplier nanoTime) {
        this.id = id;
        this.fetcher = fetcher;
        this.retry = retry;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    /** @param decryptionKey the key for {@code .ser} files (seed 6) */
    public RunResult run(InfPlan plan, PhoneState before, String decryptionKey) {
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("no INF candidates: " + plan.detail());
        }
        long start = nanoTime.getAsLong();
        List<FetchRecord> fetches = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Attempt a = new Attempt(before, decryptionKey, fetches);
            a.run(plan);
            boolean again = a.error.isPresent() && a.error.get().retried() && attempt <= retry.retries();
            if (again) {
                LOG.debug("aps.retry phone={} lcd=\"{}\" attempt={} delay={}", id, a.error.get(), attempt, retry.delay());
                sleeper.sleep(retry.delay());
                again = !Thread.currentThread().isInterrupted();
            }
            if (!again) {
                Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
                return a.error.isPresent()
                        ? new RunResult(a.error, a.detail, before, false, List.of(), fetches, plan.source(),
                        Optional.ofNullable(a.inf), attempt, elapsed)
                        : new RunResult(Optional.empty(), a.detail, a.state, !a.changes.isEmpty(), a.changes, fetches,
                        plan.source(), Optional.of(a.inf), attempt, elapsed);
            }
        }
    }

    /** One pass over the files; mutable, thrown away after the run. */
    private final class Attempt {
        private final String key;
        private final List<FetchRecord> fetches;
        private final List<String> changes = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private PhoneState state;
        private Optional<LcdMessage> error = Optional.empty();
        private String detail = "";
        private Location inf;
        private InfFile infFile;
        private boolean firmwareUpdated;

        Attempt(PhoneState before, String key, List<FetchRecord> fetches) {
            this.state = before;
            this.key = key;
            this.fetches = fetches;
        }

        void run(InfPlan plan) {
            if (!findInf(plan)) {
                return;
            }
            for (Slot slot : Slot.order(id.model().protocol())) {
                boolean ok = switch (slot) {
                    case MAC_CONFIG -> macConfig();
                    case DECKFILES -> decks();
                    default -> named(slot);
                };
                if (!ok) {
                    return;
                }
            }
            detail = (changes.isEmpty() ? "nothing new" : "applied " + String.join(", ", changes))
                    + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        }

        private boolean findInf(InfPlan plan) {
            for (Location c : plan.candidates()) {
                FetchResult r = fetch("inf", c, false);
                if (r instanceof FetchResult.Ok ok) {
                    inf = c;
                    infFile = InfFile.parse(new String(ok.body(), StandardCharsets.UTF_8));
                    return true;
                }
                if (r instanceof FetchResult.Unreachable u) {
                    return fail(LcdMessage.SERVER_UNREACHABLE, c.display() + ": " + u.detail());
                }
            }
            return fail(LcdMessage.GEN_FILE_NOT_FOUND, "no INF at "
                    + String.join(", ", plan.candidates().stream().map(Location::display).toList()));
        }

        /** Firmware, melodies, tables, certificates, telcfg and common config: only when the name changed. */
        private boolean named(Slot slot) {
            Optional<String> value = slot.infKeys().stream().map(k -> infFile.first(k)).flatMap(Optional::stream)
                    .filter(v -> !v.isEmpty()).findFirst();
            if (value.isEmpty()) {
                return true;
            }
            String v = value.get();
            String last = slot == Slot.FIRMWARE ? state.lastFirmware() : state.lastName(slot.stateKey());
            if (v.equals(last) && !(slot == Slot.TELCFG && firmwareUpdated)) {
                return true;
            }
            Optional<Location> where = locate(v);
            if (where.isEmpty()) {
                return fail(slot.wrong(), slot.infKeys().get(0) + "=" + v + " is not a usable "
                        + (inf instanceof Location.Http ? "URL" : "file name"));
            }
            FetchResult r = fetch(slot.name().toLowerCase(Locale.ROOT), where.get(), slot.isConfig());
            if (!(r instanceof FetchResult.Ok ok)) {
                return failFetch(slot, where.get(), r);
            }
            if (slot.isConfig()) {
                ConfigReader.Read read = ConfigReader.read(v, ok.body(), key);
                if (read instanceof ConfigReader.Corrupted c) {
                    return fail(LcdMessage.CORRUPTED_CONFIG, c.why());
                }
                ConfigReader.Values values = (ConfigReader.Values) read;
                state = slot == Slot.TELCFG ? state.withTelcfg(values.values()) : state.withCommon(values.values());
            } else if (ok.body().length == 0) {
                return fail(slot.corrupted(), where.get().display() + " is empty");
            }
            if (slot == Slot.FIRMWARE) {
                state = state.withFirmware(v);
                firmwareUpdated = true;
            } else {
                state = state.withDownloaded(slot.stateKey(), v);
            }
            changes.add(slot.name().toLowerCase(Locale.ROOT) + " " + v);
            return true;
        }

        /** Step 16–17: fetched every run, applied when its config_sn is new; absent is fine. */
        private boolean macConfig() {
            // Seed 6 encrypts the common and the MAC config together ("CommonConfig: ComConf....ser",
            // then "MacConfig: ST2030S_00147F00DFE4.ser"); the phone appends the MAC config's name
            // itself, so it asks for .ser exactly when the INF names an encrypted common config.
            boolean ser = infFile.first("common_config").map(ConfigReader::encrypted).orElse(false);
            String name = id.macConfigName(ser ? ".ser" : ".txt");
            Optional<Location> where = macConfigLocation(name);
            if (where.isEmpty()) {
                return fail(LcdMessage.WRONG_COM_CONFIG, "config=" + infFile.first("config").orElse("")
                        + " is not a usable folder URL");
            }
            FetchResult r = fetch("mac_config", where.get(), true);
            if (r instanceof FetchResult.Unreachable) {
                return failFetch(Slot.MAC_CONFIG, where.get(), r);
            }
            if (!(r instanceof FetchResult.Ok ok)) {
                notes.add("no MAC config " + name + " on the server");
                return true;
            }
            ConfigReader.Read read = ConfigReader.read(name, ok.body(), key);
            if (read instanceof ConfigReader.Corrupted c) {
                return fail(LcdMessage.CORRUPTED_CONFIG, c.why());
            }
            ConfigReader.Values values = (ConfigReader.Values) read;
            if (values.configSn().isEmpty()) {
                // Seed 6's log: "Parse config file failed or config_sn tag not found!"
                return fail(LcdMessage.CORRUPTED_CONFIG, name + " has no config_sn");
            }
            String sn = values.configSn().get();
            if (sn.equals(state.configSn())) {
                notes.add("config_sn " + sn + " unchanged");
                return true;
            }
            state = state.withMac(sn, values.values());
            changes.add("mac_config config_sn=" + sn);
            return true;
        }

        /** MGCP deck files: every run, unless this run reboots first (2.4.2 steps 16–17). */
        private boolean decks() {
            List<String> decks = infFile.all("deckfile").stream().filter(d -> !d.isEmpty()).toList();
            if (decks.isEmpty()) {
                return true;
            }
            if (!changes.isEmpty()) {
                notes.add("deck files after the reboot");
                return true;
            }
            for (String d : decks) {
                Optional<Location> where = locate(d);
                if (where.isEmpty()) {
                    return fail(LcdMessage.CORRUPTED_DECK, "deckfile=" + d + " is not a usable name");
                }
                FetchResult r = fetch("deckfiles", where.get(), false);
                if (!(r instanceof FetchResult.Ok ok)) {
                    return failFetch(Slot.DECKFILES, where.get(), r);
                }
                if (ok.body().length == 0) {
                    return fail(LcdMessage.CORRUPTED_DECK, where.get().display() + " is empty");
                }
            }
            notes.add(decks.size() + " deck files");
            return true;
        }

        private Optional<Location> macConfigLocation(String name) {
            if (inf instanceof Location.Tftp t) {
                return Optional.of(new Location.Tftp(t.server(), name));
            }
            URI infUri = ((Location.Http) inf).uri();
            Optional<URI> folder = infFile.first("config").filter(c -> !c.isEmpty())
                    .map(c -> httpLocation(c.endsWith("/") ? c : c + "/", infUri))
                    .orElse(Optional.of(infUri));
            return folder.flatMap(f -> InfSearch.relative(name).map(n -> new Location.Http(f.resolve(n))));
        }

        /** An INF value as a place to fetch from; empty when it is "not as expected" (2.6). */
        private Optional<Location> locate(String value) {
            if (value.length() > MAX_NAME) {
                return Optional.empty(); // 2.4.3, 2.5.3: "Maximum to 255 characters"
            }
            if (inf instanceof Location.Tftp t) {
                return Optional.of(new Location.Tftp(t.server(), value));
            }
            return httpLocation(value, ((Location.Http) inf).uri()).map(Location.Http::new);
        }

        private Optional<URI> httpLocation(String value, URI infUri) {
            if (value.contains("://")) {
                return InfSearch.httpUrl(value);
            }
            try {
                return InfSearch.relative(value).map(infUri::resolve);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private FetchResult fetch(String what, Location where, boolean config) {
            boolean http = where instanceof Location.Http;
            String method = !http ? "RRQ" : config ? "POST" : "GET";
            FetchResult r = http && config ? fetcher.post(where) : fetcher.get(where);
            FetchRecord rec;
            if (r instanceof FetchResult.Ok ok) {
                rec = new FetchRecord(what, method, where, FetchRecord.Status.OK, ok.body().length, "");
            } else if (r instanceof FetchResult.NotFound n) {
                rec = new FetchRecord(what, method, where, FetchRecord.Status.NOT_FOUND, 0, n.detail());
            } else if (r instanceof FetchResult.Unreachable u) {
                rec = new FetchRecord(what, method, where, FetchRecord.Status.UNREACHABLE, 0, u.detail());
            } else {
                rec = new FetchRecord(what, method, where, FetchRecord.Status.FAILED, 0, ((FetchResult.Failed) r).detail());
            }
            fetches.add(rec);
            LOG.debug("aps.fetch phone={} {}", id, rec);
            return r;
        }

        private boolean failFetch(Slot slot, Location where, FetchResult r) {
            if (r instanceof FetchResult.Unreachable u) {
                return fail(LcdMessage.SERVER_UNREACHABLE, where.display() + ": " + u.detail());
            }
            if (r instanceof FetchResult.NotFound n) {
                return fail(slot.notFound(), where.display() + ": " + n.detail());
            }
            if (r instanceof FetchResult.Failed f) {
                return fail(slot.notFound(), where.display() + ": " + f.detail());
            }
            return true;
        }

        private boolean fail(LcdMessage m, String why) {
            error = Optional.of(m);
            detail = why;
            return false;
        }
    }
}
