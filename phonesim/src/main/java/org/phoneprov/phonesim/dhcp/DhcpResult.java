package org.phoneprov.phonesim.dhcp;

import java.time.Duration;
import java.util.Optional;

/**
 * How one DHCP exchange ended, for the phone's boot report.
 *
 * @param sent      DISCOVERs and REQUESTs sent, retransmissions included
 * @param naks      NAKs received (each restarts from DISCOVER)
 * @param ignored   replies that were malformed or not what the client waited for
 * @param detail    a human sentence: the address leased, or why there is none
 */
public record DhcpResult(Outcome outcome, Optional<DhcpLease> lease, int sent, int naks, int ignored,
                         Duration elapsed, String detail) {
    public enum Outcome {
        LEASED,
        /** No usable OFFER after every DISCOVER retransmission. */
        NO_OFFER,
        /** OFFERs came, but no ACK, even after starting over {@code maxRestarts} times. */
        NO_ACK,
        /** Every REQUEST was NAKed until the restarts ran out. */
        TOO_MANY_NAKS
    }
}
