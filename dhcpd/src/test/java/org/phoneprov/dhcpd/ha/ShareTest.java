package org.phoneprov.dhcpd.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.HaSettings.Mode;
import org.phoneprov.common.config.HaSettings.Role;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.dhcpd.codec.DhcpOptions;

class ShareTest {
    final Share primary = new Share(HaMachineTest.settings(Mode.LOAD_BALANCING, Role.PRIMARY, 10));
    final Share secondary = new Share(HaMachineTest.settings(Mode.LOAD_BALANCING, Role.SECONDARY, 10));

    @Test
    void eachPhoneIsExactlyOneNodesAndSipdAgreesWithDhcpd() {
        for (int i = 0; i < 200; i++) {
            Mac mac = Mac.of(0x00147F000000L + i * 7919L);
            var req = LoadBalanceHashTest.request(mac, DhcpOptions.builder());
            assertNotEquals(primary.mine(req), secondary.mine(req), "one node per client: " + mac);
            assertEquals(primary.mine(req), primary.mine(Optional.of(mac)), "sipd's answer for " + mac);
        }
        assertTrue(primary.mine(Optional.empty()), "a SUBSCRIBE without a MAC is the primary's");
        assertFalse(secondary.mine(Optional.empty()));
    }

    @Test
    void whomANodeAnswersFollowsItsState() {
        Mac mac = Mac.of(0x00147F000001L);
        Share standby = new Share(HaMachineTest.settings(Mode.HOT_STANDBY, Role.STANDBY, 10));
        assertFalse(standby.answers(Serving.OWN, Optional.of(mac)));
        assertTrue(standby.answers(Serving.ALL, Optional.of(mac)));
        assertFalse(primary.answers(Serving.NONE, Optional.of(mac)));
    }
}
