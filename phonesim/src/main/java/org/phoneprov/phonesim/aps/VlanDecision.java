package org.phoneprov.phonesim.aps;

import java.util.Optional;
import org.phoneprov.phonesim.phone.Vlan;

/**
 * The VLAN a phone uses and where it came from; "the VLAN settings shown by the phone
 * through the proper menu reflect the real value applied" (seed 4.5.2).
 *
 * @param vlan empty: untagged
 */
public record VlanDecision(Source source, Optional<Vlan> vlan) {
    public enum Source {
        /** Valid options 190–192 in this boot's DHCP reply (4.5.1). */
        DHCP,
        /** The set DHCP gave before, kept in flash because PersistentVLANfromDHCP=1 (4.5.2). */
        STORED_DHCP,
        /** The config files' (or the manual) VLAN values. */
        CONFIG,
        /** No VLAN at all: untagged. */
        NONE
    }

    public static final VlanDecision UNTAGGED = new VlanDecision(Source.NONE, Optional.empty());

    /** Whether frames are tagged, and with which voice VLAN. */
    public Optional<Integer> voiceTag() {
        return vlan.filter(Vlan::tagged).map(Vlan::voiceId);
    }

    @Override
    public String toString() {
        return vlan.map(Vlan::toString).orElse("untagged") + " (" + source.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
