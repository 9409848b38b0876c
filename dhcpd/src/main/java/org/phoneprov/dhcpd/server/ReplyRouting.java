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

    /** RFC 8357 3.2: sub-option 19 of option 82, "Relay Source Port". */
    public static final int RELAY_SOURCE_PORT = 19;

    /**
     * RFC 8357: a relay that puts sub-option 19 in its option 82 listens on the port it
     * sent from, not on 67 (an unprivileged relay, or several on one host). Walks the
     * option's sub-options; a malformed one means "no", so the reply goes to 67 as usual.
     */
    public static boolean wantsSourcePort(byte[] option82) {
        int i = 0;
        while (i + 1 < option82.length) {
            int code = option82[i] & 0xFF;
            int len = option82[i + 1] & 0xFF;
            if (i + 2 + len > option82.length) {
                return false;
            }
            if (code == RELAY_SOURCE_PORT) {
                return true;
            }
            i += 2 + len;
        }
        return false;
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
