package org.phoneprov.sipd.notify;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.phoneprov.common.mac.Mac;

/**
 * How one phone's check-sync ended.
 *
 * @param target where the NOTIFY went; null only for a SKIPPED phone, which got none
 * @param status the final SIP status, 0 when there was none
 * @param detail words for the admin: the reason phrase, "authentication refused", ...
 * @param took   from the first send to the end
 */
public record NotifyResult(Mac mac, InetSocketAddress target, Outcome outcome, int status, String detail,
                           Duration took) {

    public enum Outcome { ACCEPTED, REJECTED, NO_ANSWER, SKIPPED }

    public static NotifyResult skipped(Skipped s) {
        return new NotifyResult(s.mac(), null, Outcome.SKIPPED, 0, s.reason(), Duration.ZERO);
    }

    /** The event's result word: {@code accepted}, {@code rejected 403}, {@code no-answer}, {@code skipped}. */
    public String eventResult() {
        return switch (outcome) {
            case ACCEPTED -> "accepted";
            case REJECTED -> status > 0 ? "rejected " + status : "rejected";
            case NO_ANSWER -> "no-answer";
            case SKIPPED -> "skipped";
        };
    }
}
