package org.phoneprov.tftpd.codec;

import java.net.InetSocketAddress;
import org.phoneprov.tftpd.packet.TftpPacket;

/** A packet to send, and to whom: the client's address and port (its TID). */
public record TftpOutbound(TftpPacket packet, InetSocketAddress recipient) {
}
