package org.phoneprov.tftpd.transfer;

/**
 * Server-side bounds for TFTP transfers, checked once at start-up (never per packet).
 *
 * @param maxBlksize           largest blksize the server agrees to, 8..65464 (RFC 2348)
 * @param defaultTimeoutMillis retransmission timeout when the client asks for none, &gt; 0
 * @param maxRetries           consecutive timeouts without progress before a transfer fails, &ge; 0
 * @param maxWindow            largest windowsize the server agrees to, 1..65535 (RFC 7440)
 * @param maxFirstBlockResends amplification guard: how often the OACK or DATA 1 is resent to a
 *                             peer that has acknowledged nothing (a spoofed source), &ge; 0
 */
public record Limits(int maxBlksize, int defaultTimeoutMillis, int maxRetries, int maxWindow,
                     int maxFirstBlockResends) {

    /** RFC 2348 bounds on blksize. */
    public static final int MIN_BLKSIZE = 8;
    public static final int MAX_BLKSIZE = 65464;
    /** RFC 7440 upper bound on windowsize. */
    public static final int MAX_WINDOWSIZE = 65535;

    /**
     * 1468 = Ethernet MTU 1500 - IPv4 20 - UDP 8 - TFTP 4: the largest block that is never
     * fragmented on a plain LAN; 1 s timeout, 5 retries, window 64, 3 first-block resends.
     */
    public static Limits defaults() {
        return new Limits(1468, 1000, 5, 64, 3);
    }

    public Limits {
        requireRange("maxBlksize", maxBlksize, MIN_BLKSIZE, MAX_BLKSIZE);
        requireRange("defaultTimeoutMillis", defaultTimeoutMillis, 1, 255_000);
        requireRange("maxRetries", maxRetries, 0, Integer.MAX_VALUE);
        requireRange("maxWindow", maxWindow, 1, MAX_WINDOWSIZE);
        requireRange("maxFirstBlockResends", maxFirstBlockResends, 0, Integer.MAX_VALUE);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " = " + value + " is outside " + min + ".." + max);
        }
    }
}
