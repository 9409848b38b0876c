package org.phoneprov.httpd;

import java.util.Optional;
import org.phoneprov.common.mac.Mac;

/**
 * The MAC a Gigaset phone sends beside its profile request (Gigaset seed, MSC remark *1:
 * "Additionally the MAC address will be send. The provisioner can use the MAC address for
 * different security enhancements", e.g. "making sure, that no foreign phone uses this
 * account data"). Gigaset phones send it at the end of their User-Agent, after a ';':
 * {@code Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E4},
 * {@code N510 IP PRO/42.245.00.000.000;7C2F804DF9A9} (Wazo wazo-gigaset common.py, the
 * User-Agents its device-info extractor matches; docs/vendor-formats.md 2.4).
 */
final class GigasetUserAgent {
    private static final int MAX_LENGTH = 512;

    private GigasetUserAgent() {
    }

    /** The MAC after the last ';' when it is exactly 12 hex digits; empty for any other client. */
    static Optional<Mac> macOf(String userAgent) {
        if (userAgent == null || userAgent.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int semi = userAgent.lastIndexOf(';');
        if (semi < 0) {
            return Optional.empty();
        }
        String tail = userAgent.substring(semi + 1).strip();
        return tail.length() == 12 ? Mac.parse(tail) : Optional.empty();
    }

    /**
     * Whether a profile of {@code owner} may go to a client that sent {@code userAgent}: yes
     * when the client names no MAC (a browser, curl, an older firmware), else only to its owner.
     */
    static boolean mayFetch(Mac owner, String userAgent) {
        return mayFetch(owner, userAgent, false);
    }

    /** The same; with {@code requireMac} a client that names no MAC is refused too. */
    static boolean mayFetch(Mac owner, String userAgent, boolean requireMac) {
        return macOf(userAgent).map(owner::equals).orElse(!requireMac);
    }
}
