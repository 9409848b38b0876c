package org.phoneprov.dhcpd.codec;

/**
 * Why {@link DhcpDecoder} refused a packet. Each reason is counted apart by
 * {@link DropCounters} and named in the {@code dhcpd.drop} log line.
 */
public enum Malformation {
    /** Fewer than 240 bytes: the 236-byte fixed header and the 4-byte magic cookie. */
    TOO_SHORT,
    /** The four bytes after the header are not 99.130.83.99. */
    NO_MAGIC_COOKIE,
    /** An option's length runs past the end of its area (options, or file/sname when overloaded). */
    OPTION_OVERRUN,
    /** An option's value, after RFC 3396 concatenation, breaks {@link OptionLengths}. */
    BAD_OPTION_LENGTH,
    /** Option 53 appears more than once, even with identical values. */
    DUPLICATE_MESSAGE_TYPE,
    /** No option 53: a BOOTP packet, which this server does not answer. */
    NO_MESSAGE_TYPE,
    /** hlen above 16, or htype 1 (Ethernet) with hlen other than 6. */
    BAD_HLEN,
    /** hops above 16 (RFC 1542 section 4.1.1). */
    HOPS_EXCEEDED,
    /** Option 52 not 1, 2 or 3; or the overloaded file/sname fields do not hold clean options. */
    BAD_OVERLOAD,
    /** op is not the one expected: BOOTREQUEST (1) for a server, BOOTREPLY (2) for a client. */
    NOT_A_REQUEST,
    /** The options area ends in a lone code byte where END belongs. */
    NO_END
}
