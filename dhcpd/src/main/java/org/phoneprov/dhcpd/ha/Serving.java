package org.phoneprov.dhcpd.ha;

/** Which clients a node answers in its current state. */
public enum Serving {
    /** None: waiting, syncing, ready, or the standby of a healthy pair. */
    NONE,
    /** Its own share: everyone for a primary in hot-standby, its buckets in load-balancing. */
    OWN,
    /** Everyone: the partner is down. */
    ALL
}
