package org.phoneprov.phonesim.phone;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A phone the simulation powers up: an ST20xx ({@link Phone}, the APS seed) or a Gigaset
 * ({@code gigaset.GigasetPhone}, the Gigaset seed). Driven by one thread at a time.
 */
public interface Bootable {
    PhoneIdentity identity();

    /** Power-up: DHCP, then provisioning; what happened. */
    BootReport boot();

    /** Leased or static; empty before the first boot or after a failed DHCP. */
    Optional<InetAddress> address();

    /** How it takes check-sync NOTIFYs (APS seed 3.4); empty for a phone that takes none. */
    Optional<CheckSyncs> checkSyncs();
}
