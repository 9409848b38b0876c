package org.phoneprov.phonesim.dhcp;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import org.phoneprov.phonesim.phone.Vlan;

/**
 * What the phone took from the DHCPACK: its address and where to provision (seed 2.2,
 * 2.4, 2.5, 4.2), and the VLAN set (4.4.3).
 *
 * @param nextServer  {@code siaddr}, unless 0.0.0.0 ("Next Server IP Address", seed 2.2)
 * @param file        the BOOTP {@code file} field (seed 4.2)
 * @param inf43       option 43: the INF URL (seed 2.5)
 * @param tftp66      option 66: the TFTP server, as text
 * @param inf67       option 67: the INF name
 * @param tftp150     option 150: TFTP server addresses, "used instead of option 66 if present"
 * @param gigasetUrl  option 114: a Gigaset's provisioning URL, which has priority over option 66
 */
public record DhcpLease(Inet4Address address, Inet4Address serverId, Optional<Inet4Address> subnetMask,
                        Optional<Inet4Address> router, Optional<Long> leaseSeconds,
                        Optional<Inet4Address> nextServer, Optional<String> file, Optional<String> inf43,
                        Optional<String> tftp66, Optional<String> inf67, List<Inet4Address> tftp150,
                        Optional<Integer> vlanEnable, Optional<Integer> voiceVlan, Optional<Integer> dataVlan,
                        Optional<String> gigasetUrl) {
    public DhcpLease {
        tftp150 = List.copyOf(tftp150);
    }

    /** A lease without option 114, as an ST20xx's always is. */
    public DhcpLease(Inet4Address address, Inet4Address serverId, Optional<Inet4Address> subnetMask,
                     Optional<Inet4Address> router, Optional<Long> leaseSeconds, Optional<Inet4Address> nextServer,
                     Optional<String> file, Optional<String> inf43, Optional<String> tftp66, Optional<String> inf67,
                     List<Inet4Address> tftp150, Optional<Integer> vlanEnable, Optional<Integer> voiceVlan,
                     Optional<Integer> dataVlan) {
        this(address, serverId, subnetMask, router, leaseSeconds, nextServer, file, inf43, tftp66, inf67, tftp150,
                vlanEnable, voiceVlan, dataVlan, Optional.empty());
    }

    /** From an ACK; the server id falls back to the one the phone requested from (RFC 2131 4.3.2). */
    public static DhcpLease of(DhcpReply ack, Inet4Address requestedFrom) {
        Optional<Inet4Address> next = ack.siaddr().isAnyLocalAddress() ? Optional.empty() : Optional.of(ack.siaddr());
        return new DhcpLease(ack.yiaddr(), ack.serverId().orElse(requestedFrom), ack.subnetMask(), ack.router(),
                ack.leaseSeconds(), next, ack.file(), ack.vendorSpecific(), ack.tftpServerName(),
                ack.bootfileName(), ack.tftpServers(), ack.vlanEnable(), ack.voiceVlan(), ack.dataVlan(),
                ack.gigasetUrl());
    }

    /**
     * The VLAN set DHCP gave, only when "all three parameters are provided and the three
     * have a valid value" (seed 4.4.3); otherwise the phone acts as if none were sent (4.5.1).
     */
    public Optional<Vlan> vlan() {
        if (vlanEnable.isEmpty() || voiceVlan.isEmpty() || dataVlan.isEmpty()) {
            return Optional.empty();
        }
        return Vlan.valid(vlanEnable.get(), voiceVlan.get(), dataVlan.get());
    }
}
