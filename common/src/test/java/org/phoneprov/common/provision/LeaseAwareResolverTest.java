package org.phoneprov.common.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.AddressBook;
import org.phoneprov.common.net.Ip4;

class LeaseAwareResolverTest {
    @Test
    void inventoryAddressFirstThenTheDhcpLease() throws Exception {
        Mac fixed = Mac.parse("00147F000001").orElseThrow();
        Mac leased = Mac.parse("00147F000002").orElseThrow();
        InetAddress a = InetAddress.getByName("10.77.1.1");
        InetAddress b = InetAddress.getByName("10.77.32.5");
        FileResolver snapshot = new FileResolver() {
            @Override
            public Lookup resolve(String name, Transport transport) {
                return new Lookup.NotFound(name);
            }

            @Override
            public Optional<Mac> deviceAt(InetAddress client) {
                return client.equals(a) ? Optional.of(fixed) : Optional.empty();
            }
        };
        AddressBook book = new AddressBook();
        LeaseAwareResolver r = new LeaseAwareResolver(() -> snapshot, book);
        assertEquals(Optional.of(fixed), r.deviceAt(a));
        assertEquals(Optional.empty(), r.deviceAt(b));
        book.bind(Ip4.toInt((java.net.Inet4Address) b), leased);
        assertEquals(Optional.of(leased), r.deviceAt(b));
        book.unbind(Ip4.toInt((java.net.Inet4Address) b), leased);
        assertEquals(Optional.empty(), r.deviceAt(b));
    }
}
