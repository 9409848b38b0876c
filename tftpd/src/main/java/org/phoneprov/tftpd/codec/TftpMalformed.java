package org.phoneprov.tftpd.codec;

import java.net.InetSocketAddress;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.TftpPacket;

/**
 * A malformed RRQ/WRQ, or a packet with an unknown opcode, passed on so the handler can
 * answer it with an ERROR (RFC 1350: an incorrectly formed packet is answered with an
 * error); other malformed packets (DATA, ACK, ERROR, OACK, under 2 bytes) are only
 * counted and dropped, since retransmission recovers from them and an ERROR is never
 * answered. Already counted and logged by {@link TftpDatagramDecoder}.
 *
 * @param detail printable ASCII, as in {@link TftpParseException#detail()}
 */
public record TftpMalformed(Malformation reason, String detail, InetSocketAddress sender,
        InetSocketAddress recipient) {

    /**
     * The ERROR to answer with: 8 (option negotiation refused, RFC 2347) for bad or
     * repeated options, else 4 (illegal TFTP operation), as tftp-hpa does for an unknown
     * mode; the message says what was wrong.
     */
    public TftpPacket.Error answer() {
        return switch (reason) {
            case BAD_OPTION, REPEATED_OPTION -> new TftpPacket.Error(ErrorCode.OPTION_REFUSED, "Bad option: " + detail);
            case UNKNOWN_OPCODE -> new TftpPacket.Error(ErrorCode.ILLEGAL_OPERATION, "Illegal TFTP operation: " + detail);
            default -> new TftpPacket.Error(ErrorCode.ILLEGAL_OPERATION, "Malformed request: " + detail);
        };
    }
}
