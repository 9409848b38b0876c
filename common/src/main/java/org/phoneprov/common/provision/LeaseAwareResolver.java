package org.phoneprov.common.provision;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.AddressBook;

/**
 * The current snapshot, with devices also known by their DHCP lease: the inventory's
 * fixed address first, then whoever dhcpd leased the address to.
 */
public final class LeaseAwareResolver implements FileResolver {
    private final Supplier<? extends FileResolver> current;
    private final AddressBook leases;

    public LeaseAwareResolver(Supplier<? extends FileResolver> current, AddressBook leases) {
        this.current = current;
        this.leases = leases;
    }

    @Override
    public Lookup resolve(String name, Transport transport) {
        return current.get().resolve(name, transport);
    }

    @Override
    public Lookup resolveIgnoringCase(String name, Transport transport) {
        return current.get().resolveIgnoringCase(name, transport);
    }

    @Override
    public Optional<Mac> deviceAt(InetAddress client) {
        return current.get().deviceAt(client).or(() -> leases.macAt(client));
    }
}
