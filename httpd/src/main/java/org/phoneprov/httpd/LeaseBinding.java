package org.phoneprov.httpd;

import java.util.Locale;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;

/**
 * Whether a device's own file may go to a client address. The address must be the
 * device's: the resolver names the device at an address from the inventory's fixed
 * {@code address} first, then from dhcpd's leases. An address no one is known at is
 * refused too: a phone that has neither is not one the suite provisioned, and "unknown"
 * is exactly what a prober from elsewhere looks like.
 */
final class LeaseBinding {

    enum Verdict {
        ALLOWED,
        /** The address belongs to another device. */
        OTHER_DEVICE,
        /** Neither the inventory nor a lease names a device at this address. */
        UNKNOWN_ADDRESS;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private LeaseBinding() {
    }

    /**
     * @param owner    the device whose file is asked for
     * @param atClient the device the client's address belongs to, if any
     */
    static Verdict decide(Mac owner, Optional<Mac> atClient) {
        if (atClient.isEmpty()) {
            return Verdict.UNKNOWN_ADDRESS;
        }
        return atClient.get().equals(owner) ? Verdict.ALLOWED : Verdict.OTHER_DEVICE;
    }
}
