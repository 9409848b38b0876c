package org.phoneprov.dhcpd.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phoneprov.dhcpd.classify.St20xxVendorClassTest.concat;
import static org.phoneprov.dhcpd.classify.YamlConfigs.ascii;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.phoneprov.common.provision.Model;

class ModelFromClientTest {
    /** The seed 2.4 string form for a model. */
    static byte[] option60(String manufacturer, String hardware, String protocol) {
        return ascii(String.format("01%02d%s02%02d%s03%02d%s", manufacturer.length(), manufacturer,
                hardware.length(), hardware, protocol.length(), protocol));
    }

    @ParameterizedTest
    @CsvSource({"ST2030,SIP,ST2030S", "ST2030,MGCP,ST2030M", "ST2022,SIP,ST2022S", "ST2022,MGCP,ST2022M"})
    void option60NamesEachModel(String hardware, String protocol, Model expected) {
        assertEquals(Optional.of(expected), ModelFromClient.fromVendorClass(option60("Thomson", hardware, protocol)));
    }

    @Test
    void option60SeedExample() {
        assertEquals(Optional.of(Model.ST2030S), ModelFromClient.fromVendorClass(St20xxVendorClassTest.SEED_EXAMPLE));
    }

    @Test
    void option60IsCaseInsensitive() {
        assertEquals(Optional.of(Model.ST2022M), ModelFromClient.fromVendorClass(option60("THOMSON", "st2022", "mgcp")));
    }

    @Test
    void option60OfAnotherPhoneNamesNoModel() {
        assertEquals(Optional.empty(), ModelFromClient.fromVendorClass(option60("Acme", "ST2030", "SIP")));
        assertEquals(Optional.empty(), ModelFromClient.fromVendorClass(option60("Thomson", "ST2050", "SIP")));
        assertEquals(Optional.empty(), ModelFromClient.fromVendorClass(option60("Thomson", "ST2030", "H323")));
        assertEquals(Optional.empty(), ModelFromClient.fromVendorClass(ascii("Thomson ST2030S")));
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"ST2030S", "ST2030M", "ST2022S", "ST2022M"})
    void option77RawNamesEachModel(Model m) {
        assertEquals(Optional.of(m), ModelFromClient.fromUserClass(ascii("Thomson " + m.name())));
    }

    @Test
    void option77ModelTokenIsCaseInsensitive() {
        assertEquals(Optional.of(Model.ST2030M), ModelFromClient.fromUserClass(ascii("Thomson st2030m")));
        assertEquals(Optional.of(Model.ST2022S), ModelFromClient.fromUserClass(ascii("thomson  ST2022s\0")));
    }

    @Test
    void option77Rfc3004Form() {
        assertEquals(Optional.of(Model.ST2022S),
                ModelFromClient.fromUserClass(concat(new byte[] {15}, ascii("Thomson ST2022S"))));
        assertEquals(Optional.of(Model.ST2030M), ModelFromClient.fromUserClass(
                concat(new byte[] {3}, ascii("foo"), new byte[] {15}, ascii("Thomson ST2030M"))));
    }

    @Test
    void option77WithoutAModel() {
        assertEquals(Optional.empty(), ModelFromClient.fromUserClass(ascii("Thomson")));
        assertEquals(Optional.empty(), ModelFromClient.fromUserClass(ascii("Acme ST2030S")));
        assertEquals(Optional.empty(), ModelFromClient.fromUserClass(ascii("Thomson ST2050S")));
        assertEquals(Optional.empty(), ModelFromClient.fromUserClass(ascii("Thomson ST2030S extra")));
        assertEquals(Optional.empty(), ModelFromClient.fromUserClass(new byte[] {(byte) 0x80, (byte) 0xFF}));
        assertEquals(Optional.empty(), ModelFromClient.fromUserClass(new byte[0]));
    }
}
