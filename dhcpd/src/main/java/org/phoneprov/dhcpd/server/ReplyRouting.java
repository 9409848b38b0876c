package org.phoneprov.dhcpd.server;

/**
 * Where a reply goes (RFC 2131 4.1). To a relay when relayed; to the client's own
 * address when it has one (RENEW, INFORM); otherwise broadcast on the LAN.
 *
 * <p>RFC 2131 lets a server unicast an OFFER/ACK to yiaddr when the client did not set
 * the broadcast bit, but that needs an ARP entry for an address the client does not
 * hold yet (raw sockets or ARP table writes). Broadcasting is always received, and every
 * client we test with (udhcpc, dhclient, phones) accepts it.
 */
public final class ReplyRouting {
    public static final int BROADCAST = 0xFFFFFFFF;
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;

    public record Destination(int address, int port) {
    }

    private ReplyRouting() {
    }

    /** @param nak a DHCPNAK, which goes to the broadcast address unless relayed (4.1) */
    public static Destination of(int giaddr, int ciaddr, boolean nak) {
        if (giaddr != 0) {
            return new Destination(giaddr, SERVER_PORT);
        }
        if (ciaddr != 0 && !nak) {
            return new Destination(ciaddr, CLIENT_PORT);
        }
        return new Destination(BROADCAST, CLIENT_PORT);
    }
}
