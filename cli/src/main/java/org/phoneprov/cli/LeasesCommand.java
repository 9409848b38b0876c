package org.phoneprov.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phoneprov leases}: what dhcpd has handed out, from the lease store. */
@Command(name = "leases", description = "List dhcpd's leases: address, MAC, class, expiry, state.")
final class LeasesCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Mixin
    ConfigOption options;

    @Option(names = "--all", description = "Also released, expired and declined leases.")
    boolean all;

    @Override
    public Integer call() {
        Quiet.logs();
        Optional<SuiteConfig> loaded = options.load();
        if (loaded.isEmpty()) {
            return 1;
        }
        List<Lease> leases;
        try {
            leases = LeaseStores.read(loaded.get());
        } catch (StoreException e) {
            System.err.println("phoneprov: " + e.getMessage());
            return 1;
        }
        long now = System.currentTimeMillis();
        System.out.printf("%-15s %-17s %-16s %-19s %s%n", "ADDRESS", "MAC", "CLASS", "EXPIRES", "STATE");
        leases.stream()
                .sorted(Comparator.comparingLong(l -> Integer.toUnsignedLong(l.address())))
                .filter(l -> all || l.state() != org.phoneprov.dhcpd.lease.LeaseState.EXPIRED)
                .forEach(l -> System.out.printf("%-15s %-17s %-16s %-19s %s%s%n", Ip4.toString(l.address()),
                        l.mac().colon(), l.clientClass().isEmpty() ? "-" : l.clientClass(),
                        TIME.format(Instant.ofEpochMilli(l.expiresAt())), l.state(),
                        l.expiresAt() < now && l.state().name().equals("ACTIVE") ? " (expired)" : ""));
        return 0;
    }
}
