package org.phoneprov.common.daemon;

import java.util.Optional;
import java.util.function.Predicate;
import org.phoneprov.common.mac.Mac;

/**
 * Which phones this node answers when two nodes serve one site (issue 14, item 3): dhcpd's HA
 * node decides (its state, and the RFC 3074 share of each MAC), and sipd asks before it answers
 * a plug-and-play SUBSCRIBE, so a phone on the multicast group gets one answer, not one per
 * node. Alone (no {@code dhcpd.ha}), every phone is this node's.
 */
public final class PairShare {
    private static final Predicate<Optional<Mac>> SOLO = m -> true;
    private volatile Predicate<Optional<Mac>> owner = SOLO;

    /** Whether this node answers the phone with {@code mac} (empty: a request that names none). */
    public boolean answers(Optional<Mac> mac) {
        return owner.test(mac);
    }

    /** dhcpd's HA node, while it runs. */
    public void install(Predicate<Optional<Mac>> decider) {
        owner = decider;
    }

    /** Back to answering everyone (dhcpd stopped, or runs alone). */
    public void solo() {
        owner = SOLO;
    }
}
