package org.phoneprov.phonesim.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhoneStateTest {
    @Test
    void defaultsOfTheSeed() {
        PhoneState s = PhoneState.factory();
        assertEquals("0.0.0.0", s.authNotifyCheckSync(), "3.4: default 0.0.0.0");
        assertFalse(s.useSipNotifyToLaunchProvisioning(), "3.4: default 'No'");
        assertFalse(s.persistentVlanFromDhcp(), "4.4.2: default 0");
        assertEquals(Optional.empty(), s.decryptionKey());
    }

    @Test
    void macOverridesCommonOverridesTelcfg() {
        Map<String, String> tel = new LinkedHashMap<>();
        tel.put("network.VLAN", "1");
        tel.put("telephony.Country", "FR");
        PhoneState s = PhoneState.factory().withTelcfg(tel)
                .withCommon(Map.of("network.VLAN", "0", "sip.AuthNotifyCheckSync", "10.77.0.1"))
                .withMac("1", Map.of("SIP.authnotifychecksync", "10.77.0.2"));
        assertEquals("10.77.0.2", s.authNotifyCheckSync());
        assertEquals(Optional.of(false), s.vlanParameter());
        Map<String, String> e = s.effective();
        assertEquals("0", e.get("network.VLAN"));
        assertEquals("FR", e.get("telephony.Country"));
        assertEquals("10.77.0.2", e.get("SIP.authnotifychecksync"));
        assertEquals(3, e.size(), "one entry per key, whatever its case");
    }

    @Test
    void bootingRunsTheLastUpgradedFirmware() {
        PhoneState s = PhoneState.factory().withFirmware("v2.zz");
        assertEquals("", s.runningFirmware());
        assertEquals("v2.zz", s.booted().runningFirmware());
    }
}
