package org.phoneprov.phonesim.aps;

import java.util.Optional;
import org.phoneprov.phonesim.phone.PhoneState;
import org.phoneprov.phonesim.phone.Vlan;

/**
 * Which VLAN the phone uses, seed 4.5. Config-file values applied during a run take
 * effect after the reboot that follows (as every applied parameter does, 2.4.1 step 2),
 * so both decisions read the state the phone booted with.
 * <ul>
 *   <li>{@code PersistentVLANfromDHCP=0} (4.5.1): a valid DHCP set applies "until the next
 *       reboot" and beats the config files' values; without one, the config files' values
 *       apply.</li>
 *   <li>{@code PersistentVLANfromDHCP=1} (4.5.2): the last valid DHCP set is kept in flash
 *       and used at boot "even if the DHCP does not give those parameters again"; a new
 *       valid DHCP set replaces it; config-file values are kept but used only when DHCP
 *       never gave any.</li>
 * </ul>
 * The phone remembers every valid DHCP set it got, whatever the flag: the seed's first
 * Tag example (4.5.2) tags the DHCP handshake after the reboot with the set DHCP gave
 * before the files switching PersistentVLANfromDHCP to 1 were applied.
 */
public final class VlanPolicy {
    private VlanPolicy() {
    }

    /** The VLAN the phone boots with, i.e. the one the DHCP handshake is tagged with. */
    public static VlanDecision atBoot(PhoneState s) {
        if (s.persistentVlanFromDhcp() && s.dhcpVlan().isPresent()) {
            return new VlanDecision(VlanDecision.Source.STORED_DHCP, s.dhcpVlan());
        }
        Optional<Vlan> config = s.configVlan();
        return config.isPresent() ? new VlanDecision(VlanDecision.Source.CONFIG, config) : VlanDecision.UNTAGGED;
    }

    /**
     * The VLAN in effect once DHCP answered (or for a static setup, with no DHCP set):
     * for provisioning and for the rest of this boot.
     *
     * @param fromDhcp the lease's set, present only when valid (4.4.3)
     */
    public static VlanDecision afterDhcp(PhoneState s, Optional<Vlan> fromDhcp) {
        return fromDhcp.isPresent() ? new VlanDecision(VlanDecision.Source.DHCP, fromDhcp) : atBoot(s);
    }

    /** The state with a valid DHCP set stored in flash (4.5.2); unchanged without one. */
    public static PhoneState remember(PhoneState s, Optional<Vlan> fromDhcp) {
        return fromDhcp.isPresent() ? s.withDhcpVlan(fromDhcp) : s;
    }
}
