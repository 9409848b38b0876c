package org.phoneprov.common.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventQuery;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.common.provision.ProvisioningSnapshot;

/**
 * What the running suite lets a management daemon do, the way the CLI's commands do it:
 * check a config, reload it (SIGHUP), send check-sync, read leases and events. The CLI
 * implements it, so a daemon that manages the suite depends on common only.
 */
public interface SuiteControl {
    /** The config file the suite was started with. */
    Path configFile();

    /** What the suite serves now. */
    ProvisioningSnapshot snapshot();

    /** Where each daemon listens, by label ({@code httpd}, {@code httpd-tls}, ...). */
    Map<String, InetSocketAddress> listening();

    /**
     * What {@code phoneprov check} would print for the config with these files' text
     * (absolute, normalized paths) in place of what is on disk: empty when it is valid.
     */
    List<Problem> check(Map<Path, String> replaced);

    /** A SIGHUP: reads the config from disk and swaps it in, or keeps the old one. */
    ReloadOutcome reload();

    /** Check-sync (APS seed 3.4) to one device, one model, or every device; waits for the answers. */
    NotifyOutcome notify(Optional<Mac> mac, Optional<Model> model, boolean reboot);

    /** dhcpd's leases from its store; empty when dhcpd keeps none here. */
    List<LeaseRow> leases() throws StoreException;

    /** The last {@code q.limit()} events that match {@code q}, oldest first (of every node sharing the store). */
    List<Event> events(EventQuery q) throws IOException;

    /** Every event of the history, oldest first, one at a time (nothing is kept in memory). */
    void history(Consumer<Event> each) throws IOException;

    /** Events as they are written (on the event writer's thread: hand off, never block). */
    void subscribe(Consumer<List<Event>> listener);

    void unsubscribe(Consumer<List<Event>> listener);

    /**
     * @param problems why the config was refused (then nothing changed)
     * @param waiting  per daemon, keys that apply at the next start
     * @param refused  per daemon that kept its previous settings, why
     */
    record ReloadOutcome(List<Problem> problems, Map<String, List<String>> waiting, Map<String, String> refused) {
        public boolean applied() {
            return problems.isEmpty();
        }
    }

    /**
     * @param errors  why nothing was sent (an unknown MAC, no trusted source address)
     * @param results one per selected device
     */
    record NotifyOutcome(List<String> errors, List<PhoneNotified> results) {
    }

    /**
     * @param target where the NOTIFY went ({@code ip:port}), empty when the device was skipped
     * @param result {@code accepted}, {@code rejected}, {@code no_answer} or {@code skipped}
     */
    record PhoneNotified(Mac mac, String target, String result, String detail, long millis) {
    }

    /** One lease as the store has it. */
    record LeaseRow(String address, Mac mac, String clientClass, long expiresAtMillis, String state) {
    }
}
