package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UaProfileEventTest {

    private static UaProfileEvent parse(String v) {
        return UaProfileEvent.parse(v).orElseThrow(() -> new AssertionError("not ua-profile: " + v));
    }

    @Test
    void snomQuotedParameters() {
        UaProfileEvent e = parse("ua-profile;profile-type=\"device\";vendor=\"OEM\";model=\"OEM\";version=\"7.1.19\"");
        assertEquals(Optional.of("device"), e.profileType());
        assertEquals(Optional.of("OEM"), e.vendor());
        assertEquals(Optional.of("OEM"), e.model());
        assertEquals(Optional.of("7.1.19"), e.version());
    }

    @Test
    void audioCodesHasNoVendor() {
        UaProfileEvent e = parse("ua-profile;profile-type=\"application\";model=\"440HD\";version=\"2.2.2\"");
        assertEquals(Optional.empty(), e.vendor());
        assertEquals(Optional.of("application"), e.profileType());
    }

    @Test
    void anyCaseSpacesAndUnquotedValues() {
        UaProfileEvent e = parse(" UA-Profile ; Profile-Type = Device ; VENDOR = Yealink ; Model=SIP T46S ;version=1.2/3");
        assertEquals(Optional.of("device"), e.profileType(), "profile-type lower-cased");
        assertEquals(Optional.of("Yealink"), e.vendor(), "values keep their case");
        assertEquals(Optional.of("SIP T46S"), e.model());
        assertEquals(Optional.of("1.2/3"), e.version());
    }

    @Test
    void misspeltVendorNamesAreAccepted() {
        for (String name : new String[] {"vender", "vendor-id", "vendorid", "VendorName", "\"vendor_id\""}) {
            assertEquals(Optional.of("Grandstream"), parse("ua-profile;" + name + "=\"Grandstream\"").vendor(), name);
        }
        assertEquals(Optional.of("Right"), parse("ua-profile;vender=Wrong;vendor=Right").vendor(),
                "an exact vendor beats a misspelling, wherever it is");
        assertEquals(Optional.empty(), parse("ua-profile;venue=x;ven=y").vendor(), "vend is the prefix");
    }

    @Test
    void quotedValuesMayHoldSemicolonsAndEscapedQuotes() {
        UaProfileEvent e = parse("ua-profile;model=\"a;b \\\"c\\\"\";vendor=x");
        assertEquals(Optional.of("a;b \"c\""), e.model());
        assertEquals(Optional.of("x"), e.vendor());
    }

    @Test
    void emptyOrValuelessParametersAreAbsent() {
        UaProfileEvent e = parse("ua-profile;vendor;model=\"\";;version=");
        assertEquals(Optional.empty(), e.vendor());
        assertEquals(Optional.empty(), e.model());
        assertEquals(Optional.empty(), e.version());
        assertEquals(Optional.empty(), e.profileType());
    }

    @Test
    void macParameter() {
        assertEquals(Optional.of("00:15:65:aa:bb:cc"), parse("ua-profile;mac=00:15:65:aa:bb:cc").mac());
    }

    @Test
    void otherPackagesAreNotPlugAndPlay() {
        for (String v : new String[] {"presence", "message-summary", "ua-profile-x", "ua-profile.sub", "", "  ",
                "dialog;vendor=x", "uaprofile"}) {
            assertTrue(UaProfileEvent.parse(v).isEmpty(), v);
        }
        assertTrue(UaProfileEvent.parse(null).isEmpty());
        assertTrue(UaProfileEvent.parse("\"ua-profile\"").isPresent(), "a quoted package name is tolerated");
    }
}
