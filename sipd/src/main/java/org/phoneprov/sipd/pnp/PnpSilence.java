package org.phoneprov.sipd.pnp;

/**
 * Why a request got no answer. On the multicast group silence is the right default: the
 * first answer wins on the phone (Gigaset seed, "SIP-Multicast mechanism"), so a
 * responder answers only what it is sure is its own.
 */
public enum PnpSilence {
    /** The source is outside {@code sipd.pnp.allow}. */
    NOT_ALLOWED_SUBNET,
    /** The source used up its {@code rate_per_source} budget (or all sources the global one). */
    RATE_LIMITED,
    /** Not a SUBSCRIBE, arriving on the multicast group; or an ACK (RFC 3261 17.2.1: never answered). */
    NOT_SUBSCRIBE,
    /** A SUBSCRIBE for another event package (or none), arriving on the multicast group. */
    NOT_UA_PROFILE,
    /** A rule matched vendor and model, but does not answer this profile-type. */
    PROFILE_TYPE,
    /** No rule matched the vendor and model. */
    NO_RULE,
    /** The matching rule's URL needs the MAC, and the SUBSCRIBE carries none. */
    NO_MAC,
    /** Two nodes serve the site (dhcpd.ha) and this phone is the other node's now. */
    PARTNERS_PHONE
}
