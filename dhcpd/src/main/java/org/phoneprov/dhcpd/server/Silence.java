package org.phoneprov.dhcpd.server;

/**
 * Why a well-formed request got no answer: the {@code reason} of the {@code drops} metric
 * (with {@link org.phoneprov.dhcpd.codec.Malformation} for the packets the codec refused).
 * A bounded set, unlike the sentence for the log, which names addresses and subnets.
 */
public enum Silence {
    /** No option 53 or no Ethernet chaddr: nothing a server can answer. */
    NOT_ETHERNET,
    /** OFFER, ACK, NAK or an unknown type: a message for a client, or for no one. */
    NOT_FOR_SERVER,
    /** No configured subnet holds the relay's or the interface's address. */
    NO_SUBNET,
    /** Every pool address of the subnet is bound (RFC 2131 4.3.1: then the server may stay silent). */
    POOL_EXHAUSTED,
    /** A REQUEST or DECLINE whose server identifier names another server (RFC 2131 4.3.2). */
    OTHER_SERVER,
    /** A REQUEST that names no address, or an INFORM without ciaddr. */
    NO_ADDRESS,
    /** A RELEASE or DECLINE of an address the client does not hold. */
    NOT_HELD,
    /** The per-client or global rate guard refused it before the processor saw it. */
    RATE_LIMITED,
    /** dhcpd.ha: the client is the partner's, or this node is not serving yet (waiting, syncing, ready). */
    HA_NOT_MINE,
    /** dhcpd.ha: the partner or the shared store has the address leased to another client: no ACK. */
    LEASE_CONFLICT
}
