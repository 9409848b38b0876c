package org.phoneprov.phonesim.net;

import java.time.Duration;

/**
 * How long a simulated phone waits on the network. Every socket operation of a fetch is
 * bounded by one of these, so a thousand phone threads can never hang on a dead server.
 *
 * @param connect     TCP connect (HTTP)
 * @param read        each blocking read of an HTTP response (not the whole response)
 * @param tftpTimeout how long to wait for the next TFTP packet before sending the last one again
 * @param tftpRetries how many times the last TFTP packet is sent again before giving up
 */
public record FetchTimeouts(Duration connect, Duration read, Duration tftpTimeout, int tftpRetries) {

    /** What a real ST20xx roughly does: a few seconds for HTTP, RFC 1350's lock-step with 1 s and 5 tries. */
    public static final FetchTimeouts DEFAULTS =
            new FetchTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), 5);

    public FetchTimeouts {
        positive("connect", connect);
        positive("read", read);
        positive("tftpTimeout", tftpTimeout);
        if (tftpRetries < 0) {
            throw new IllegalArgumentException("tftpRetries = " + tftpRetries + " must be 0 or more");
        }
    }

    /** As socket timeouts: at least 1 ms, since 0 means "forever" to java.net. */
    int connectMillis() {
        return millis(connect);
    }

    int readMillis() {
        return millis(read);
    }

    int tftpMillis() {
        return millis(tftpTimeout);
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " = " + d + " must be a positive duration");
        }
    }
}
