package org.phoneprov.phonesim.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.phone.PhoneState;
import org.phoneprov.phonesim.phone.Vlan;

/** Seed 4.5, with the Tag examples of 4.5.2. */
class VlanPolicyTest {
    static final Vlan TAG1 = new Vlan(1, 11, 12);
    static final Vlan TAG3 = new Vlan(1, 31, 32);
    static final Vlan TAG4 = new Vlan(1, 41, 42);

    static PhoneState files(Vlan v, int persistent) {
        return PhoneState.factory().withCommon(Map.of("network.VLAN", String.valueOf(v.flag()),
                "network.VoiceVLANID", String.valueOf(v.voiceId()), "network.DataVLANID", String.valueOf(v.dataId()),
                "network.PersistentVLANfromDHCP", String.valueOf(persistent)));
    }

    /** One boot: the handshake VLAN, then DHCP's set, then the one in effect; returns the state after it. */
    static PhoneState boot(PhoneState s, Optional<Vlan> dhcp, Vlan expectHandshake, Vlan expectInEffect) {
        assertEquals(Optional.ofNullable(expectHandshake), VlanPolicy.atBoot(s).vlan(), "DHCP handshake tag");
        assertEquals(Optional.ofNullable(expectInEffect), VlanPolicy.afterDhcp(s, dhcp).vlan(), "TFTP tag");
        return VlanPolicy.remember(s, dhcp);
    }

    @Test
    void persistentExampleOneTag1ThenDhcpTag4ThenFilesTag3() {
        // "Reboot + [Tag1s DHCP(Tag4s)] + [Tag4s TFTP(Tag3s)] + (APS finish & Reboot)
        //  + [Tag4s DHCP(Tag4s)] + [Tag4s TFTP(Tag3s)] + [Tag4s -MGCP]"
        PhoneState s = files(TAG1, 0);
        s = boot(s, Optional.of(TAG4), TAG1, TAG4);
        s = s.withCommon(files(TAG3, 1).common()); // the files are applied
        s = boot(s.booted(), Optional.of(TAG4), TAG4, TAG4);
        // Even when DHCP stops giving VLAN options, the stored set stays (4.5.2).
        boot(s.booted(), Optional.empty(), TAG4, TAG4);
    }

    @Test
    void persistentExampleTwoNoDhcpVlanFilesTag3() {
        // "Reboot + [Untagged DHCP(No tags)] + [Untagged TFTP(Tag3s)] + (APS finish & Reboot)
        //  + [Tag3s DHCP(No tags)] + [Tag3s TFTP(Tag3s)] + [Tag3s -MGCP]"
        PhoneState s = PhoneState.factory();
        s = boot(s, Optional.empty(), null, null);
        s = s.withCommon(files(TAG3, 1).common());
        s = boot(s.booted(), Optional.empty(), TAG3, TAG3);
        // "And the next reboot would be": the same.
        boot(s.booted(), Optional.empty(), TAG3, TAG3);
    }

    @Test
    void persistentNewDhcpValuesReplaceTheStoredOnes() {
        PhoneState s = VlanPolicy.remember(files(TAG3, 1), Optional.of(TAG4));
        assertEquals(VlanDecision.Source.STORED_DHCP, VlanPolicy.atBoot(s).source());
        VlanDecision d = VlanPolicy.afterDhcp(s, Optional.of(TAG1));
        assertEquals(new VlanDecision(VlanDecision.Source.DHCP, Optional.of(TAG1)), d);
        assertEquals(Optional.of(TAG1), VlanPolicy.remember(s, Optional.of(TAG1)).dhcpVlan());
    }

    @Test
    void dynamicDhcpValuesLastUntilTheNextReboot() {
        PhoneState s = files(TAG3, 0);
        // DHCP beats the files during this boot ...
        assertEquals(VlanDecision.Source.DHCP, VlanPolicy.afterDhcp(s, Optional.of(TAG4)).source());
        s = VlanPolicy.remember(s, Optional.of(TAG4));
        // ... and is gone at the next: the handshake uses the files' values, and so does the
        // phone when DHCP gives none this time.
        assertEquals(new VlanDecision(VlanDecision.Source.CONFIG, Optional.of(TAG3)), VlanPolicy.atBoot(s));
        assertEquals(Optional.of(TAG3), VlanPolicy.afterDhcp(s, Optional.empty()).vlan());
    }

    @Test
    void aValidDhcpFlagZeroMeansUntagged() {
        VlanDecision d = VlanPolicy.afterDhcp(files(TAG3, 0), Optional.of(new Vlan(0, 0, 0)));
        assertEquals(VlanDecision.Source.DHCP, d.source());
        assertEquals(Optional.empty(), d.voiceTag());
    }

    @Test
    void noVlanAnywhereIsUntagged() {
        assertEquals(VlanDecision.UNTAGGED, VlanPolicy.afterDhcp(PhoneState.factory(), Optional.empty()));
        // VLAN=1 without ids is no usable set.
        PhoneState s = PhoneState.factory().withCommon(Map.of("network.VLAN", "1"));
        assertEquals(VlanDecision.UNTAGGED, VlanPolicy.atBoot(s));
    }
}
