package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;

/** Gigaset seed, MSC remark *1: the MAC sent beside the request guards the account. */
class GigasetUserAgentTest {
    private static final Mac OWNER = Mac.parse("7C2F80CA21E4").orElseThrow();

    @Test
    void readsTheMacRealGigasetUserAgentsCarry() {
        assertEquals(Optional.of(OWNER), GigasetUserAgent.macOf("Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E4"));
        assertEquals(Mac.parse("7C2F804DF9A9"), GigasetUserAgent.macOf("N510 IP PRO/42.245.00.000.000;7C2F804DF9A9"));
        assertEquals(Optional.of(OWNER), GigasetUserAgent.macOf("Gigaset N720 DM PRO/70.089;7c2f80ca21e4 "));
    }

    @Test
    void anyOtherClientNamesNoMac() {
        assertEquals(Optional.empty(), GigasetUserAgent.macOf(null));
        assertEquals(Optional.empty(), GigasetUserAgent.macOf("curl/7.88.1"));
        assertEquals(Optional.empty(), GigasetUserAgent.macOf("Mozilla/5.0 (X11; Linux x86_64)"));
        assertEquals(Optional.empty(), GigasetUserAgent.macOf("x;7C:2F:80:CA:21:E4"), "only the 12-digit form");
        assertEquals(Optional.empty(), GigasetUserAgent.macOf("x;" + "A".repeat(600)));
    }

    @Test
    void onlyTheOwnerOrAClientWithoutMacGetsTheProfile() {
        assertTrue(GigasetUserAgent.mayFetch(OWNER, "Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E4"));
        assertTrue(GigasetUserAgent.mayFetch(OWNER, "curl/7.88.1"));
        assertFalse(GigasetUserAgent.mayFetch(OWNER, "Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E5"));
        // gigaset.require_phone_mac: only the phone that names itself.
        assertTrue(GigasetUserAgent.mayFetch(OWNER, "Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E4", true));
        assertFalse(GigasetUserAgent.mayFetch(OWNER, "curl/7.88.1", true));
        assertFalse(GigasetUserAgent.mayFetch(OWNER, null, true));
    }
}
