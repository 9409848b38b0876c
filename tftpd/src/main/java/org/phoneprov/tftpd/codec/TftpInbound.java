package org.phoneprov.tftpd.codec;

import java.net.InetSocketAddress;
import org.phoneprov.tftpd.packet.TftpPacket;

/**
 * A decoded packet and where it came from.
 *
 * @param sender    the client's address and port: its transfer id (TID)
 * @param recipient the local address and port it arrived on
 */
public record TftpInbound(TftpPacket packet, InetSocketAddress sender, InetSocketAddress recipient) {
}
