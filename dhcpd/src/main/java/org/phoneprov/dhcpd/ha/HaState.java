package org.phoneprov.dhcpd.ha;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The states of a node, with Kea HA's names (Kea ARM, "Server States in High Availability"). */
public enum HaState {
    /** Just started, or the partner served alone meanwhile: not serving, looking for the partner. */
    WAITING,
    /** Fetching every lease from the partner (or from the shared database): not serving. */
    SYNCING,
    /** Synced; waits for the partner to resume its share: not serving. */
    READY,
    /** Normal hot-standby: the primary serves every client, the standby none. */
    HOT_STANDBY,
    /** Normal load-balancing: each node serves the clients of its RFC 3074 buckets. */
    LOAD_BALANCING,
    /** The partner is down: this node serves every client. */
    PARTNER_DOWN,
    /** The clocks differ by more than {@link HaMachine#MAX_CLOCK_SKEW_MILLIS}: own share only, no updates. */
    TERMINATED;

    /** The word Kea and {@code phoneprov ha status} use: {@code partner-down}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<HaState> ofWord(String w) {
        return Arrays.stream(values()).filter(s -> s.word().equals(w)).findFirst();
    }

    boolean normal() {
        return this == HOT_STANDBY || this == LOAD_BALANCING;
    }
}
