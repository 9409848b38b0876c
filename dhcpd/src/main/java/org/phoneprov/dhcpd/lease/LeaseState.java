package org.phoneprov.dhcpd.lease;

/** What a stored lease row means. Offers are never stored: they live only in the {@link Allocator}. */
public enum LeaseState {
    /** Bound to its MAC until {@code expiresAt}. */
    ACTIVE,
    /** Given back by the client (DHCPRELEASE); the address is free, remembered for stickiness. */
    RELEASED,
    /** Reported in use by someone else (DHCPDECLINE); set aside until {@code expiresAt}. */
    DECLINED,
    /** Ran out without a renewal; the address is free, remembered for stickiness. */
    EXPIRED
}
