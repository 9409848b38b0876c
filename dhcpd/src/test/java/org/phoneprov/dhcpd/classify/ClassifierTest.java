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
    static final Mac GIGASET_7C = Mac.parse("7C:2F:80:4D:F9:A9").orElseThrow();
    static final Mac GIGASET_58 = Mac.parse("58:9E:C6:90:00:01").orElseThrow();
    /** What udhcpc sends as option 60 unless told otherwise: not a phone's. */
    static final Optional<byte[]> UDHCPC = Optional.of(ascii("udhcp 1.36.1"));
    static final String GIGASET_CLASSES = """
            classes:
              n720:
                match: {models: [N720]}
                dhcp: {provision: http}
              gigaset:
                match: {vendor: gigaset}
                dhcp: {provision: http}
              st20xx:
                match: {vendor: thomson}
              everyone: {}
            """;

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
    void aGigasetNamedByOption60IsOfThatModel() {
        Classification c = classifier(GIGASET_CLASSES).classify(OTHER_MAC, opt(ascii("Gigaset_N510_IP_PRO")), NONE);
        assertEquals(Optional.of(Model.N510), c.model());
        assertEquals(Source.VENDOR_CLASS, c.source());
        assertEquals(Optional.of(Model.Vendor.GIGASET), c.vendor());
        assertEquals("gigaset", c.className());
        assertEquals("n720", classifier(GIGASET_CLASSES).classify(OTHER_MAC, opt(ascii("Gigaset_N720_DM_PRO")), NONE)
                .className(), "models: matches a model option 60 named");
    }

    @Test
    void aGigasetOuiWithoutOption60IsAGigasetOfUnknownModel() {
        Classifier k = classifier(GIGASET_CLASSES);
        for (Mac mac : new Mac[] {GIGASET_7C, GIGASET_58}) {
            for (Optional<byte[]> option60 : java.util.List.of(NONE, UDHCPC)) {
                Classification c = k.classify(mac, option60, NONE);
                assertEquals(Optional.empty(), c.model(), mac.toString());
                assertEquals(Source.UNKNOWN, c.source());
                assertEquals(Optional.of(Model.Vendor.GIGASET), c.vendor());
                assertEquals("gigaset", c.className(), "vendor: gigaset needs no model");
            }
        }
    }

    @Test
    void aGigasetStringOfAModelTheSuiteDoesNotKnow() {
        Classification c = classifier(GIGASET_CLASSES).classify(OTHER_MAC, opt(ascii("C610_IP")), NONE);
        assertEquals(Optional.empty(), c.model());
        assertEquals(Optional.of(Model.Vendor.GIGASET), c.vendor());
        assertEquals("gigaset", c.className());
    }

    @Test
    void aNonGigasetIsInNoGigasetClass() {
        Classifier k = classifier(GIGASET_CLASSES);
        Classification c = k.classify(OTHER_MAC, UDHCPC, NONE);
        assertEquals(Optional.empty(), c.vendor());
        assertEquals("everyone", c.className(), "vendor: thomson never takes an unknown maker either");
        Classification st = k.classify(OTHER_MAC, opt(St20xxVendorClassTest.SEED_EXAMPLE), NONE);
        assertEquals(Optional.of(Model.Vendor.THOMSON), st.vendor());
        assertEquals("st20xx", st.className());
    }

    @Test
    void theInventoryModelWinsOverAGigasetOui() {
        Classification c = classifier(GIGASET_CLASSES + """
                devices:
                  - {mac: "7C:2F:80:4D:F9:A9", model: ST2022S}
                """).classify(GIGASET_7C, opt(ascii("Gigaset_N510_IP_PRO")), NONE);
        assertEquals(Optional.of(Model.ST2022S), c.model());
        assertEquals(Optional.of(Model.Vendor.THOMSON), c.vendor());
        assertEquals("st20xx", c.className());
    }

    @Test
    void anOuiClassTakesAGigasetWithoutVendorSyntax() {
        Classification c = classifier("""
                classes:
                  by-oui:
                    match: {oui: ["7C:2F:80", "58:9E:C6"]}
                    dhcp: {provision: http}
                """).classify(GIGASET_58, NONE, NONE);
        assertEquals("by-oui", c.className());
        assertEquals(Optional.of(Model.Vendor.GIGASET), c.vendor(), "so the class's http gives option 114");
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
