package org.phoneprov.dhcpd.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.dhcpd.classify.YamlConfigs.ascii;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

class GigasetClientTest {
    static final Mac OTHER = Mac.parse("02:00:00:00:00:01").orElseThrow();

    static Mac mac(String s) {
        return Mac.parse(s).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"Gigaset_N510_IP_PRO,N510", "N510_IP_PRO,N510", "Gigaset_N720_DM_PRO,N720", "C470IP,C470",
            "C470_IP,C470", "C590_IP,C590"})
    void wazosStringsNameTheModelsTheSuiteKnows(String option60, Model expected) {
        assertEquals(Optional.of(expected), GigasetClient.modelFromVendorClass(ascii(option60)));
        assertEquals(Optional.of(expected), ModelFromClient.fromVendorClass(ascii(option60)), "the classifier's entry");
        assertTrue(GigasetClient.isGigaset(OTHER, Optional.of(ascii(option60))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"S675IP", "S675_IP", "C610_IP", "Gigaset_N720_IP_PRO", "Gigaset_N870_IP_PRO", "Gigaset"})
    void otherGigasetStringsAreAGigasetOfUnknownModel(String option60) {
        assertEquals(Optional.empty(), GigasetClient.modelFromVendorClass(ascii(option60)));
        assertTrue(GigasetClient.isGigaset(OTHER, Optional.of(ascii(option60))), option60);
    }

    @Test
    void caseBlanksAndNulPaddingDoNotMatter() {
        byte[] padded = ascii("  gigaset_n510_ip_pro\0\0");
        assertEquals(Optional.of(Model.N510), GigasetClient.modelFromVendorClass(padded));
        assertTrue(GigasetClient.isGigaset(OTHER, Optional.of(padded)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7C:2F:80:4D:F9:A9", "58:9E:C6:90:00:01", "00:21:04:00:00:01"})
    void theGigasetOuisMarkAGigasetWithoutOption60(String m) {
        assertTrue(GigasetClient.isGigaset(mac(m), Optional.empty()));
        assertTrue(GigasetClient.isGigaset(mac(m), Optional.of(ascii("udhcp 1.36.1"))), "whatever option 60 says");
    }

    @Test
    void otherClientsAreNot() {
        assertFalse(GigasetClient.isGigaset(OTHER, Optional.empty()));
        assertFalse(GigasetClient.isGigaset(mac("00:14:7F:00:00:01"), Optional.of(ascii("udhcp 1.36.1"))));
        assertFalse(GigasetClient.isGigaset(OTHER, Optional.of(ModelFromClientTest.option60("Thomson", "ST2030", "SIP"))));
        assertFalse(GigasetClient.isGigaset(OTHER, Optional.of(ascii("MSFT 5.0"))));
        assertFalse(GigasetClient.isGigaset(OTHER, Optional.of(ascii("N510"))), "only whole strings");
        assertFalse(GigasetClient.isGigaset(OTHER, Optional.of(new byte[0])));
        assertEquals(Optional.empty(), GigasetClient.modelFromVendorClass(new byte[] {(byte) 0xFF, 0, (byte) 0x80}));
        assertEquals(Optional.empty(), GigasetClient.modelFromVendorClass(null));
    }
}
