package org.phoneprov.phonesim.aps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.phone.PhoneState;

/** Seed 3.4: sw_notify_autoprovision and AuthNotifyCheckSync. */
class NotifyPolicyTest {
    static final InetAddress SUITE = SampleServer.address("10.77.0.1");
    static final InetAddress STRANGER = SampleServer.address("10.77.0.66");
    static final Function<String, List<InetAddress>> DNS = n -> n.equals("aps.lab") ? List.of(SUITE) : List.of();

    static PhoneState with(String use, String auth) {
        Map<String, String> sip = new java.util.LinkedHashMap<>();
        if (use != null) {
            sip.put("sip.sw_notify_autoprovision", use);
        }
        if (auth != null) {
            sip.put("sip.AuthNotifyCheckSync", auth);
        }
        return PhoneState.factory().withCommon(sip);
    }

    @Test
    void ignoredByDefault() {
        assertFalse(NotifyPolicy.obeys(PhoneState.factory(), SUITE, DNS), "default 'No'");
        assertFalse(NotifyPolicy.obeys(with("0", "10.77.0.1"), SUITE, DNS));
    }

    @Test
    void anySourceWhenAuthNotifyCheckSyncIsDefault() {
        assertTrue(NotifyPolicy.obeys(with("1", null), STRANGER, DNS));
        assertTrue(NotifyPolicy.obeys(with("1", "0.0.0.0"), STRANGER, DNS));
    }

    @Test
    void onlyTheTrustedSource() {
        assertTrue(NotifyPolicy.obeys(with("1", "10.77.0.1"), SUITE, DNS));
        assertFalse(NotifyPolicy.obeys(with("1", "10.77.0.1"), STRANGER, DNS));
    }

    @Test
    void aTrustedNameIsResolved() {
        assertTrue(NotifyPolicy.obeys(with("1", "aps.lab"), SUITE, DNS));
        assertFalse(NotifyPolicy.obeys(with("1", "aps.lab"), STRANGER, DNS));
        assertFalse(NotifyPolicy.obeys(with("1", "unknown.lab"), SUITE, DNS));
    }

    @Test
    void theMacConfigOverridesTheCommonOne() {
        PhoneState s = with("1", "0.0.0.0").withMac("1", Map.of("sip.AuthNotifyCheckSync", "10.77.0.1"));
        assertFalse(NotifyPolicy.obeys(s, STRANGER, DNS));
    }
}
