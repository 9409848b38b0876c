package org.phoneprov.dhcpd.ha;

import org.phoneprov.common.config.HaSettings;
import org.phoneprov.dhcpd.codec.DhcpMessage;

/**
 * Whose client a request is, as Kea's query filter decides it: in hot-standby every client is
 * the primary's; in load-balancing the RFC 3074 bucket modulo two picks the primary (0) or the
 * secondary (1). Both nodes compute the same answer from the packet alone.
 */
public final class Share {
    private final HaSettings settings;

    public Share(HaSettings settings) {
        this.settings = settings;
    }

    /** Whether the client belongs to this node's own share in the normal state. */
    public boolean mine(DhcpMessage request) {
        // A request without a key cannot be placed; Kea drops it, the primary answering is kinder.
        return owns(() -> LoadBalanceHash.bucket(request));
    }

    /**
     * The same decision for a phone known by its MAC alone (sipd's plug-and-play): the hash over
     * the MAC, as for a DHCP client without option 61; a request without a MAC is the primary's.
     */
    public boolean mine(java.util.Optional<org.phoneprov.common.mac.Mac> mac) {
        return owns(() -> mac.map(m -> LoadBalanceHash.hash(m.bytes())));
    }

    /**
     * In hot-standby every client is the primary's (no hash needed); in load-balancing the
     * bucket mod 2 picks (primary 0).
     */
    private boolean owns(java.util.function.Supplier<java.util.Optional<Integer>> bucket) {
        HaSettings.Role self = settings.self().role();
        if (settings.mode() == HaSettings.Mode.HOT_STANDBY) {
            return self == HaSettings.Role.PRIMARY;
        }
        return bucket.get().map(b -> b % 2).orElse(0) == (self == HaSettings.Role.PRIMARY ? 0 : 1);
    }

    /** Whether this node answers the phone with {@code mac} while it serves {@code serving}. */
    public boolean answers(Serving serving, java.util.Optional<org.phoneprov.common.mac.Mac> mac) {
        return switch (serving) {
            case ALL -> true;
            case NONE -> false;
            case OWN -> mine(mac);
        };
    }

    /** Whether this node answers the request while it serves {@code serving}. */
    public boolean answers(Serving serving, DhcpMessage request) {
        return switch (serving) {
            case ALL -> true;
            case NONE -> false;
            case OWN -> mine(request);
        };
    }
}
