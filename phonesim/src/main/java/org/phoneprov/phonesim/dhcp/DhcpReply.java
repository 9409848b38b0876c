package org.phoneprov.phonesim.dhcp;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;

/**
 * A BOOTREPLY as the phone reads it: the fixed fields it uses and the options that
 * matter to an ST20xx. Option values are as the server sent them; whether the VLAN set
 * is valid is decided by {@link DhcpLease#vlan()} (seed 4.4.3).
 *
 * @param file           the BOOTP {@code file} field up to its first NUL (seed 4.2), when not empty
 *                       and not used for options (option 52)
 * @param vendorSpecific option 43, the INF URL as one string (seed 2.5)
 * @param tftpServerName option 66, text (seed 2.4)
 * @param bootfileName   option 67, the INF name (seed 2.4)
 * @param tftpServers    option 150, one or more IPv4 addresses (seed 2.4)
 * @param notes          oddities tolerated while reading (an option of the wrong length, ignored)
 * @param gigasetUrl     option 114, a Gigaset's provisioning URL (docs/vendor-formats.md 2.4)
 */
public record DhcpReply(int xid, int messageType, Mac chaddr, Inet4Address yiaddr, Inet4Address siaddr,
                        Optional<String> file, Optional<Inet4Address> subnetMask, Optional<Inet4Address> router,
                        Optional<Long> leaseSeconds, Optional<Inet4Address> serverId,
                        Optional<String> vendorSpecific, Optional<String> tftpServerName,
                        Optional<String> bootfileName, List<Inet4Address> tftpServers,
                        Optional<Integer> vlanEnable, Optional<Integer> voiceVlan, Optional<Integer> dataVlan,
                        List<String> notes, Optional<String> gigasetUrl) {
    public DhcpReply {
        tftpServers = List.copyOf(tftpServers);
        notes = List.copyOf(notes);
    }

    public String typeName() {
        return MessageType.valueOf(messageType).toString();
    }
}
