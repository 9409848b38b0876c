package org.phoneprov.dhcpd.codec;

import java.net.InetSocketAddress;

/**
 * A decoded client message and where it came from.
 *
 * @param sender    the datagram's source (a relay's giaddr:67, or the client's address:68)
 * @param recipient the local address it arrived on (may be the broadcast address)
 */
public record DhcpRequest(DhcpMessage message, InetSocketAddress sender, InetSocketAddress recipient) {
}
