package org.phoneprov.httpd.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.mac.MacId;

/** Gigaset seed, "MAC based autoprovisioning for retail devices": variant 444 and the MAC decide. */
class RetailRedirectTest {
    static final Mac PHONE = Mac.parse("7C2F80AABBCC").orElseThrow();
    static final Registration REG = new Registration(MacId.parse("7C2F80AABBCC-1A2B").orElseThrow(),
            "https://prov.example/%MACD/%DVID/", "acme", "acme", 1, 1);
    static final Function<Mac, Optional<Registration>> ONLY_PHONE = m -> m.equals(PHONE) ? Optional.of(REG)
            : Optional.empty();

    @Test
    void aRegisteredRetailPhoneIsSentItsUrlWithTheSpecifiersFilledIn() {
        RetailRedirect.Redirect r = assertInstanceOf(RetailRedirect.Redirect.class,
                RetailRedirect.decide("device/444/1/master.bin", Optional.of(PHONE), ONLY_PHONE));
        assertEquals("https://prov.example/7C2F80AABBCC/444/", r.location());
        assertEquals(PHONE, r.mac());
    }

    @Test
    void theMacMayComeFromThePathWhenTheUserAgentHasNone() {
        assertInstanceOf(RetailRedirect.Redirect.class,
                RetailRedirect.decide("device/444/7c2f80aabbcc.xml", Optional.empty(), ONLY_PHONE));
        assertInstanceOf(RetailRedirect.Redirect.class,
                RetailRedirect.decide("device/444/1/7C2F80AABBCC/settings", Optional.empty(), ONLY_PHONE));
    }

    @Test
    void otherVariantsUnknownPhonesAndNoMacAreRefusedWithAReason() {
        assertEquals("not_retail", refused("device/42/2/master.bin", Optional.of(PHONE)).reason());
        assertEquals("not_registered", refused("device/444/1/master.bin",
                Mac.parse("7C2F80AABBCD")).reason());
        RetailRedirect.Refused none = refused("device/444/1/master.bin", Optional.empty());
        assertEquals("no_mac", none.reason());
        assertEquals(Optional.empty(), none.mac());
        assertEquals("not_retail", refused("device/", Optional.of(PHONE)).reason());
    }

    @Test
    void onlyTheDefaultAddressFolderApplies() {
        assertTrue(RetailRedirect.applies("device/444/1/master.bin"));
        assertFalse(RetailRedirect.applies("devices.txt"));
        assertFalse(RetailRedirect.applies("gigaset/7C2F80AABBCC.xml"));
    }

    private static RetailRedirect.Refused refused(String path, Optional<Mac> ua) {
        return assertInstanceOf(RetailRedirect.Refused.class, RetailRedirect.decide(path, ua, ONLY_PHONE));
    }
}
