package org.phoneprov.phonesim.dhcp;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.phonesim.phone.PhoneIdentity;

/**
 * Builds the phone's DHCPDISCOVER and DHCPREQUEST (RFC 2131 section 2, RFC 2132). What
 * makes them an ST20xx's, from the seed:
 * <ul>
 *   <li>option 60 in the string form of 2.4, {@code 0107Thomson0206ST20300303SIP};</li>
 *   <li>option 77, {@code Thomson ST2030S} (2.4), as plain text, as the seed shows it
 *       (not the RFC 3004 length-prefixed form);</li>
 *   <li>option 55 asking for 43, 66, 67 and 150 (where the INF is, 2.4 and 2.5), and for
 *       190–192 only when the phone's VLAN parameter is 1 (4.4.2).</li>
 * </ul>
 * The broadcast flag is set: the phone has no address to receive unicast on yet.
 * Messages are padded to the 300 bytes of a BOOTP packet, as many phones do (and some
 * relays require). A Gigaset's differ where {@link PhoneIdentity} and
 * {@link #GIGASET_PARAMETERS} say.
 */
public final class DhcpMessages {
    static final int FIXED = 236;
    static final int MIN_SIZE = 300;
    static final byte[] MAGIC_COOKIE = {99, (byte) 130, 83, 99};
    private static final int BROADCAST = 0x8000;

    private DhcpMessages() {
    }

    public static byte[] discover(PhoneIdentity id, int xid, boolean vlanEnabled) {
        return message(id, xid, MessageType.DISCOVER.code(), vlanEnabled, null, null);
    }

    /** The REQUEST of the SELECTING state (RFC 2131 4.3.2): names the offered address and the server. */
    public static byte[] request(PhoneIdentity id, int xid, boolean vlanEnabled, Inet4Address requested,
                                 Inet4Address server) {
        return message(id, xid, MessageType.REQUEST.code(), vlanEnabled, requested, server);
    }

    /**
     * A Gigaset's option 55: where its profile is, option 114 (a URL, which has priority) and
     * option 66 (docs/vendor-formats.md 2.4); no 43/67/150 (no INF) and no VLAN options of the APS seed.
     */
    static final List<Integer> GIGASET_PARAMETERS = List.of(DhcpOption.SUBNET_MASK.code(), DhcpOption.ROUTER.code(),
            DhcpOption.DNS.code(), DhcpOption.DOMAIN_NAME.code(), DhcpOption.TFTP_SERVER_NAME.code(),
            DhcpReplyParser.GIGASET_URL);

    /** Option 55's codes (seed 4.4.2 adds 190–192 when the VLAN parameter is 1). */
    public static List<Integer> parameterRequestList(boolean vlanEnabled) {
        List<DhcpOption> asked = new ArrayList<>(List.of(DhcpOption.SUBNET_MASK, DhcpOption.ROUTER, DhcpOption.DNS,
                DhcpOption.DOMAIN_NAME, DhcpOption.VENDOR_SPECIFIC, DhcpOption.TFTP_SERVER_NAME,
                DhcpOption.BOOTFILE_NAME, DhcpOption.TFTP_SERVER_ADDRESS));
        if (vlanEnabled) {
            asked.addAll(List.of(DhcpOption.VLAN_ENABLE, DhcpOption.VOICE_VLAN, DhcpOption.DATA_VLAN));
        }
        return asked.stream().map(DhcpOption::code).toList();
    }

    private static byte[] message(PhoneIdentity id, int xid, int type, boolean vlan, Inet4Address requested,
                                  Inet4Address server) {
        ByteArrayOutputStream options = new ByteArrayOutputStream(80);
        option(options, DhcpOption.MESSAGE_TYPE.code(), new byte[] {(byte) type});
        byte[] clientId = new byte[7];
        clientId[0] = 1; // hardware type Ethernet, then the MAC (RFC 2132 9.14)
        System.arraycopy(id.mac().bytes(), 0, clientId, 1, 6);
        option(options, DhcpOption.CLIENT_ID.code(), clientId);
        if (requested != null) {
            option(options, DhcpOption.REQUESTED_IP.code(), requested.getAddress());
        }
        if (server != null) {
            option(options, DhcpOption.SERVER_ID.code(), server.getAddress());
        }
        option(options, DhcpOption.VENDOR_CLASS.code(), id.vendorClass().getBytes(StandardCharsets.US_ASCII));
        id.userClass().ifPresent(u -> option(options, DhcpOption.USER_CLASS.code(),
                u.getBytes(StandardCharsets.US_ASCII)));
        List<Integer> prl = id.model().isGigaset() ? GIGASET_PARAMETERS : parameterRequestList(vlan);
        byte[] list = new byte[prl.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = (byte) (int) prl.get(i);
        }
        option(options, DhcpOption.PARAMETER_LIST.code(), list);
        options.write(DhcpOption.END.code());

        int size = Math.max(MIN_SIZE, FIXED + MAGIC_COOKIE.length + options.size());
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) 1);              // op BOOTREQUEST
        b.put((byte) 1);              // htype Ethernet
        b.put((byte) 6);              // hlen
        b.put((byte) 0);              // hops
        b.putInt(xid);
        b.putShort((short) 0);        // secs
        b.putShort((short) BROADCAST);
        b.position(28);               // ciaddr, yiaddr, siaddr, giaddr stay 0
        b.put(id.mac().bytes());      // chaddr (16 bytes, the rest 0)
        b.position(FIXED);            // sname and file stay 0
        b.put(MAGIC_COOKIE);
        b.put(options.toByteArray()); // the rest is PAD (0)
        return b.array();
    }

    private static void option(ByteArrayOutputStream out, int code, byte[] value) {
        out.write(code);
        out.write(value.length);
        out.writeBytes(value);
    }
}
