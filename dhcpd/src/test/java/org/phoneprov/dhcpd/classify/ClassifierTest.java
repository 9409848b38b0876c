package org.phoneprov.dhcpd.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phoneprov.dhcpd.classify.ModelFromClientTest.option60;
import static org.phoneprov.dhcpd.classify.St20xxVendorClassTest.concat;
import static org.phoneprov.dhcpd.classify.YamlConfigs.ascii;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.dhcpd.classify.Classification.Source;

class ClassifierTest {
    static final Mac THOMSON_MAC = Mac.parse("00:14:7F:00:00:01").orElseThrow();
    static final Mac OTHER_MAC = Mac.parse("02:00:00:00:00:01").orElseThrow();
    static final Optional<byte[]> NONE = Optional.empty();

    @TempDir
    Path dir;

    Classifier classifier(String yaml) {
        return new Classifier(YamlConfigs.load(dir, yaml));
    }

    static Optional<byte[]> opt(byte[] b) {
        return Optional.of(b);
    }

    @Test
    void modelFromOption60SeedStringForm() {
        Classification c = classifier("").classify(OTHER_MAC, opt(St20xxVendorClassTest.SEED_EXAMPLE), NONE);
        assertEquals(Optional.of(Model.ST2030S), c.model());
        assertEquals(Source.VENDOR_CLASS, c.source());
        assertEquals(Optional.empty(), c.device());
        assertEquals("", c.className());
    }

    @Test
    void modelFromOption60BinaryForm() {
        byte[] binary = concat(new byte[] {1, 7}, ascii("Thomson"), new byte[] {2, 6}, ascii("ST2022"),
                new byte[] {3, 4}, ascii("MGCP"));
        Classification c = classifier("").classify(OTHER_MAC, opt(binary), NONE);
        assertEquals(Optional.of(Model.ST2022M), c.model());
        assertEquals(Source.VENDOR_CLASS, c.source());
    }

    @Test
    void garbageOption60FallsBackToOption77() {
        Classification c = classifier("").classify(OTHER_MAC, opt(new byte[] {(byte) 0xFF, 3, 0, 9}),
                opt(ascii("Thomson ST2022S")));
        assertEquals(Optional.of(Model.ST2022S), c.model());
        assertEquals(Source.USER_CLASS, c.source());
    }

    @Test
    void modelFromOption77Rfc3004Form() {
        Classification c = classifier("").classify(OTHER_MAC, NONE, opt(concat(new byte[] {15},
                ascii("Thomson ST2030M"))));
        assertEquals(Optional.of(Model.ST2030M), c.model());
        assertEquals(Source.USER_CLASS, c.source());
    }

    @Test
    void nothingKnown() {
        Classification c = classifier("").classify(OTHER_MAC, opt(ascii("udhcp 1.36.1")), NONE);
        assertEquals(Optional.empty(), c.model());
        assertEquals(Source.UNKNOWN, c.source());
        assertEquals(Optional.empty(), c.deviceClass());
    }

    @Test
    void inventoryModelWinsOverALyingOption60() {
        Classification c = classifier("""
                devices:
                  - {mac: "00:14:7F:00:00:01", model: ST2030M}
                """).classify(THOMSON_MAC, opt(option60("Thomson", "ST2022", "SIP")),
                opt(ascii("Thomson ST2022S")));
        assertEquals(Optional.of(Model.ST2030M), c.model());
        assertEquals(Source.INVENTORY, c.source());
        assertEquals(THOMSON_MAC, c.device().orElseThrow().mac());
    }

    @Test
    void explicitClassOfTheInventoryWinsOverAnEarlierMatch() {
        Classifier k = classifier("""
                classes:
                  everyone: {}
                  special:
                    match: {models: [ST2022S]}
                devices:
                  - {mac: "00:14:7F:00:00:01", model: ST2030S, class: special}
                """);
        assertEquals("special", k.classify(THOMSON_MAC, NONE, NONE).className(), "explicit, even if it would not match");
        assertEquals("everyone", k.classify(OTHER_MAC, NONE, NONE).className());
    }

    @Test
    void firstClassInWrittenOrderWins() {
        Classifier k = classifier("""
                classes:
                  zz-sip-2030:
                    match: {models: [ST2030S]}
                  aa-sip:
                    match: {models: [ST2030S, ST2022S]}
                  mm-all: {}
                """);
        assertEquals("zz-sip-2030", k.classify(OTHER_MAC, NONE, opt(ascii("Thomson ST2030S"))).className());
        assertEquals("aa-sip", k.classify(OTHER_MAC, NONE, opt(ascii("Thomson ST2022S"))).className());
        assertEquals("mm-all", k.classify(OTHER_MAC, NONE, opt(ascii("Thomson ST2022M"))).className());
        assertEquals("mm-all", k.classify(OTHER_MAC, NONE, NONE).className(),
                "a class with models never takes a phone of unknown model");
    }

    @Test
    void vendorClassConditionsAllHoldOnRawBytes() {
        Classifier k = classifier("""
                classes:
                  st2022-string-form:
                    match: {vendor_class: [{prefix: "0107Thomson"}, {contains: "ST2022"}]}
                """);
        assertEquals("st2022-string-form",
                k.classify(OTHER_MAC, opt(option60("Thomson", "ST2022", "SIP")), NONE).className());
        assertEquals("", k.classify(OTHER_MAC, opt(option60("Thomson", "ST2030", "SIP")), NONE).className(),
                "one condition fails");
        assertEquals("", k.classify(OTHER_MAC, NONE, opt(ascii("Thomson ST2022S"))).className(),
                "no option 60, a vendor_class condition fails");
    }

    @Test
    void userClassConditionsOnRawBytes() {
        Classifier k = classifier("""
                classes:
                  by-user-class:
                    match: {user_class: {equals: "Thomson ST2022S"}}
                """);
        assertEquals("by-user-class", k.classify(OTHER_MAC, NONE, opt(ascii("Thomson ST2022S"))).className());
        assertEquals("", k.classify(OTHER_MAC, NONE, opt(concat(new byte[] {15}, ascii("Thomson ST2022S"))))
                .className(), "raw bytes: the RFC 3004 length byte is part of them");
        assertEquals("", k.classify(OTHER_MAC, NONE, NONE).className());
    }

    @Test
    void bytesAbove0x7fMatchWithoutSignExtension() {
        Classifier k = classifier("""
                classes:
                  high-bytes:
                    match: {vendor_class: {equals_hex: "c3a9ff80"}, user_class: {contains_hex: "fe"}}
                """);
        byte[] v = {(byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0x80};
        assertEquals("high-bytes", k.classify(OTHER_MAC, opt(v), opt(new byte[] {1, (byte) 0xFE, 2})).className());
        assertEquals("", k.classify(OTHER_MAC, opt(v), opt(new byte[] {1, (byte) 0xFF, 2})).className());
    }

    @Test
    void ouiCondition() {
        Classifier k = classifier("""
                classes:
                  thomson-oui:
                    match: {oui: ["00:14:7F"]}
                """);
        assertEquals("thomson-oui", k.classify(THOMSON_MAC, NONE, NONE).className());
        assertEquals("", k.classify(OTHER_MAC, NONE, NONE).className());
    }

    @Test
    void inventoryFlagTakesOnlyInventoryPhones() {
        Classifier k = classifier("""
                classes:
                  known:
                    match: {inventory: true}
                devices:
                  - {mac: "00:14:7F:00:00:01", model: ST2022M}
                """);
        Classification known = k.classify(THOMSON_MAC, NONE, NONE);
        assertEquals("known", known.className());
        assertEquals(Optional.of(Model.ST2022M), known.model());
        assertEquals("", k.classify(OTHER_MAC, NONE, opt(ascii("Thomson ST2022M"))).className());
    }

    @Test
    void inventoryModelDrivesTheModelsCondition() {
        Classifier k = classifier("""
                classes:
                  mgcp:
                    match: {models: [ST2030M]}
                  sip:
                    match: {models: [ST2022S]}
                devices:
                  - {mac: "00:14:7F:00:00:01", model: ST2030M}
                """);
        assertEquals("mgcp", k.classify(THOMSON_MAC, opt(option60("Thomson", "ST2022", "SIP")), NONE).className());
    }

    @Test
    void classificationOfNothing() {
        assertEquals("", Classification.unknown().className());
        assertEquals(Source.UNKNOWN, Classification.unknown().source());
    }

    @Test
    void configFixtureKeepsClassOrder() {
        SuiteConfig c = YamlConfigs.load(dir, """
                classes:
                  b: {}
                  a: {}
                """);
        assertEquals(java.util.List.of("b", "a"), java.util.List.copyOf(c.classes().keySet()));
    }
}
