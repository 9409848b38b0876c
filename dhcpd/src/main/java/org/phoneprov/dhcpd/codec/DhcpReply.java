package org.phoneprov.dhcpd.codec;

import java.net.InetSocketAddress;

/**
 * A message to send and where to.
 *
 * @param maxSize the size limit as option 57 counts it (IP and UDP headers included);
 *                usually {@code request.maxMessageSize()} capped by the interface MTU
 */
public record DhcpReply(DhcpMessage message, InetSocketAddress recipient, int maxSize) {
}
