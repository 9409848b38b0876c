package org.phoneprov.phonesim.aps;

import org.phoneprov.phonesim.fetch.Location;

/**
 * One request the phone made, for the boot report: what for, how, where, and how it ended.
 *
 * @param what   {@code inf}, or the {@link Slot} name in lower case
 * @param method {@code GET} or {@code POST} over HTTP; {@code RRQ} over TFTP
 * @param bytes  size of the body received, 0 unless {@link Status#OK}
 */
public record FetchRecord(String what, String method, Location location, Status status, long bytes, String detail) {
    /** {@code REDIRECTED} and {@code UNAUTHORIZED} are a Gigaset's: it follows a 3xx and answers a 401 itself. */
    public enum Status { OK, NOT_FOUND, UNREACHABLE, FAILED, REDIRECTED, UNAUTHORIZED }

    /** {@code http} (also for https) or {@code tftp}, as {@code Fetcher.requests()} counts. */
    public String transport() {
        return location instanceof Location.Tftp ? "tftp" : "http";
    }

    @Override
    public String toString() {
        return method + " " + location.display() + " → " + status + (status == Status.OK ? " " + bytes + " B" : " " + detail);
    }
}
