package org.phoneprov.dhcpd.lease;

/** What {@link Allocator#request} decided for a DHCPREQUEST (RFC 2131 section 4.3.2). */
public sealed interface Decision {
    /** Commit this lease, then send DHCPACK. The allocator index is already updated. */
    record Ack(Lease lease) implements Decision {
    }

    /** Send DHCPNAK; the reason is for the log and the NAK's message option. */
    record Nak(String reason) implements Decision {
    }

    /** Send nothing. */
    record Ignore(String reason) implements Decision {
    }
}
