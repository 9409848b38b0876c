package org.phoneprov.sipd.message;

import java.net.InetSocketAddress;

/**
 * A SIP datagram that parsed, and where it came from.
 *
 * @param sender        the datagram's source, where answers go (RFC 3581: not the Contact)
 * @param recipient     the local address it arrived on: the group or the unicast socket
 * @param receivedNanos when it was read, on the handlers' {@code nanoTime} clock: timers and durations count from it
 */
public record SipInbound(SipParse.Message message, InetSocketAddress sender, InetSocketAddress recipient,
                         long receivedNanos) {
}
