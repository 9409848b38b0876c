package org.phoneprov.common.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigSnTest {
    @Test
    void twelveDigitsThatFollowTheContent() {
        String a = "[sys]\nconfig_sn=" + ConfigSn.PLACEHOLDER + "\npassword=a\n";
        String b = "[sys]\nconfig_sn=" + ConfigSn.PLACEHOLDER + "\npassword=b\n";
        assertTrue(ConfigSn.of(a).matches("\\d{12}"));
        assertEquals(ConfigSn.of(a), ConfigSn.of(a));
        assertNotEquals(ConfigSn.of(a), ConfigSn.of(b));
        assertEquals("[sys]\nconfig_sn=" + ConfigSn.of(a) + "\npassword=a\n", ConfigSn.fill(a));
    }
}
