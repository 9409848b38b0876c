package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;

class PnpUrlTest {
    private static final Optional<Mac> MAC = Mac.parse("00:15:65:AA:BB:CC");

    @Test
    void everyPlaceholder() {
        assertEquals("http://p/001565aabbcc/001565AABBCC/Yealink/T46S/66.86.0.15",
                PnpUrl.fill("http://p/{mac}/{MAC}/{vendor}/{model}/{version}", MAC, "Yealink", "T46S", "66.86.0.15"));
    }

    @Test
    void valuesArePercentEncoded() {
        assertEquals("http://p/..%2F..%2Fetc%3Fx%3D1%26y%23z/a%20b/%C3%A4~_-.",
                PnpUrl.fill("http://p/{model}/{vendor}/{version}", MAC, "a b", "../../etc?x=1&y#z", "ä~_-."));
        assertEquals("http://p/%7Bmac%7D", PnpUrl.fill("http://p/{model}", MAC, "", "{mac}", ""),
                "a value that looks like a placeholder is not expanded");
    }

    @Test
    void absentValuesAreEmptyAndUnknownPlaceholdersStay() {
        assertEquals("tftp://h/x--{other}{", PnpUrl.fill("tftp://h/x-{model}-{vendor}{other}{", Optional.empty(),
                "", "", ""));
        assertEquals("tftp://h/", PnpUrl.fill("tftp://h/{mac}", Optional.empty(), "", "", ""));
    }

    @Test
    void urlCodingRoundTripsAndTolerantDecode() {
        String s = "MAC:00 ä/€😀";
        assertEquals(s, UrlCoding.decode(UrlCoding.encode(s)));
        assertEquals("100%", UrlCoding.decode("100%"));
        assertEquals("%zz+x😀", UrlCoding.decode("%zz+x😀"));
        assertEquals("a:b", UrlCoding.decode("a%3Ab"));
    }
}
