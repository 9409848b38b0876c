package org.phoneprov.cli.run;

import java.net.BindException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseStores;
import org.phoneprov.sipd.notify.CheckSyncClient;
import org.phoneprov.sipd.notify.NotifyResult;
import org.phoneprov.sipd.notify.SendSchedule;
import org.phoneprov.sipd.notify.Selection;
import org.phoneprov.sipd.notify.Targets;

/**
 * Check-sync as {@code phoneprov notify} and the management API send it (APS seed 3.4): to
 * each selected phone's leased address (its inventory address without a lease), from
 * {@code suite.check_sync_source}, spread as {@code sipd.check_sync} says, waiting for every answer.
 */
public final class CheckSync {
    /** {@code errors}: why nothing was sent; {@code results}: one per selected phone, skipped ones included. */
    public record Sent(List<String> errors, List<NotifyResult> results) {
    }

    private CheckSync() {
    }

    /**
     * @param events called once the trusted source is bound, so a refused bind leaves no trace
     * @param say    progress for the admin: "notify: 3 phone(s) from ..."
     * @param warn   what went wrong but did not stop the send
     * @throws BindException when the trusted source address cannot be bound here
     */
    public static Sent send(SuiteConfig c, Selection selection, boolean reboot, Supplier<EventSink> events,
                            Consumer<String> say, Consumer<String> warn) throws Exception {
        Map<Mac, InetAddress> leased = leases(c, warn);
        Targets targets = Targets.select(c, selection, mac -> Optional.ofNullable(leased.get(mac)));
        if (!targets.errors().isEmpty()) {
            return new Sent(targets.errors(), List.of());
        }
        List<NotifyResult> results = new ArrayList<>(targets.skippedResults());
        if (targets.targets().isEmpty()) {
            return new Sent(List.of(), results);
        }
        long spreadMs = SendSchedule.of(targets.targets().size(), c.sip().checkSync().spanSeconds(),
                c.sip().checkSync().ratePerSecond()).total().toMillis();
        say.accept(String.format("notify: %d phone(s) from %s%s, over %.1f s", targets.targets().size(),
                c.identity().checkSyncSource().getHostAddress(), reboot ? ", reboot" : "", spreadMs / 1000.0));
        EventSink[] sink = {EventSink.NONE};
        try (CheckSyncClient client = new CheckSyncClient(c, e -> sink[0].record(e))) {
            sink[0] = events.get();
            long budget = spreadMs + c.sip().checkSync().timeoutMillis() * 2L + 10_000;
            results.addAll(client.send(targets.targets(), reboot).get(budget, TimeUnit.MILLISECONDS));
        }
        return new Sent(List.of(), results);
    }

    /** Current leases by MAC, when dhcpd keeps a store here; the inventory address is the fallback. */
    private static Map<Mac, InetAddress> leases(SuiteConfig c, Consumer<String> warn) {
        Map<Mac, InetAddress> out = new HashMap<>();
        long now = System.currentTimeMillis();
        try {
            for (Lease l : LeaseStores.read(c)) {
                if (l.isBoundAt(now)) {
                    out.put(l.mac(), Ip4.toInet(l.address()));
                }
            }
        } catch (StoreException e) {
            warn.accept("leases not read (" + e.getMessage() + "); using inventory addresses");
        }
        return out;
    }
}
