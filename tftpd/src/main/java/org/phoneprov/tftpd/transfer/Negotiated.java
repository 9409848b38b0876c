package org.phoneprov.tftpd.transfer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of option negotiation for one transfer.
 *
 * @param blksize       data bytes per block (512 unless negotiated)
 * @param timeoutMillis base retransmission timeout
 * @param windowsize    blocks in flight before an ACK is awaited (1 = RFC 1350 lockstep)
 * @param tsizeAsked    the client asked for tsize and the OACK carries the length
 * @param oack          the options to acknowledge, in the client's order; empty means no
 *                      OACK: the transfer starts directly with DATA 1
 */
public record Negotiated(int blksize, int timeoutMillis, int windowsize, boolean tsizeAsked,
                         Map<String, String> oack) {

    public static final int DEFAULT_BLKSIZE = 512;

    public Negotiated {
        if (blksize < Limits.MIN_BLKSIZE || blksize > Limits.MAX_BLKSIZE) {
            throw new IllegalArgumentException("blksize = " + blksize + " is outside 8..65464");
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMillis = " + timeoutMillis + " must be > 0");
        }
        if (windowsize < 1 || windowsize > Limits.MAX_WINDOWSIZE) {
            throw new IllegalArgumentException("windowsize = " + windowsize + " is outside 1..65535");
        }
        oack = Collections.unmodifiableMap(new LinkedHashMap<>(oack));
    }

    /** A plain RFC 1350 transfer: 512-byte blocks, lockstep, no OACK. */
    public static Negotiated plain(int timeoutMillis) {
        return new Negotiated(DEFAULT_BLKSIZE, timeoutMillis, 1, false, Map.of());
    }

    public boolean sendsOack() {
        return !oack.isEmpty();
    }
}
