package org.phoneprov.dhcpd.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.HaSettings;
import org.phoneprov.common.config.HaSettings.Mode;
import org.phoneprov.common.config.HaSettings.Role;

class HaMachineTest {
    static final long T0 = 1_800_000_000_000L;

    static HaSettings settings(Mode mode, Role self, int maxUnacked) {
        Role other = self == Role.PRIMARY ? (mode == Mode.HOT_STANDBY ? Role.STANDBY : Role.SECONDARY) : Role.PRIMARY;
        return new HaSettings(mode, "a", List.of(
                new HaSettings.Peer("a", InetAddress.getLoopbackAddress(), 8647, self),
                new HaSettings.Peer("b", InetAddress.getLoopbackAddress(), 8648, other)),
                "x".repeat(32), 1_000, 3_000, 2_000, maxUnacked, java.util.Optional.empty());
    }

    @Test
    void twoNodesStartingTogetherReachTheNormalStateThroughSyncingAndReady() {
        HaMachine m = new HaMachine(settings(Mode.LOAD_BALANCING, Role.PRIMARY, 10), T0);
        assertEquals(HaState.WAITING, m.state());
        assertEquals(Serving.NONE, m.serving());
        m.answered(HaState.WAITING, T0, T0 + 100);
        assertEquals(HaState.SYNCING, m.state(), "the primary syncs first");
        m.synced(true, "0 leases", T0 + 200);
        assertEquals(HaState.READY, m.state());
        assertEquals(Serving.NONE, m.serving());
        m.answered(HaState.READY, T0, T0 + 300);
        assertEquals(HaState.LOAD_BALANCING, m.state());
        assertEquals(Serving.OWN, m.serving());
        assertTrue(m.waitsForPartner());
        assertTrue(m.sendsUpdates());
    }

    @Test
    void theSecondaryWaitsWhileBothWaitAndWhileThePrimarySyncs() {
        HaMachine m = new HaMachine(settings(Mode.LOAD_BALANCING, Role.SECONDARY, 10), T0);
        m.answered(HaState.WAITING, T0, T0 + 100);
        assertEquals(HaState.WAITING, m.state());
        m.answered(HaState.SYNCING, T0, T0 + 200);
        assertEquals(HaState.WAITING, m.state());
        m.answered(HaState.READY, T0, T0 + 300);
        assertEquals(HaState.SYNCING, m.state());
    }

    @Test
    void theStandbyOfAHealthyPairServesNoOne() {
        HaMachine m = normal(Mode.HOT_STANDBY, Role.STANDBY, 10);
        assertEquals(HaState.HOT_STANDBY, m.state());
        assertEquals(Serving.NONE, m.serving());
    }

    @Test
    void silenceAloneIsNotEnoughWhileFewOfThePartnersClientsWait() {
        HaMachine m = normal(Mode.HOT_STANDBY, Role.STANDBY, 2);
        m.unanswered(T0 + 1_500);
        assertTrue(m.communicationInterrupted());
        assertFalse(m.waitsForPartner(), "an ACK does not wait for a partner in doubt");
        m.unanswered(T0 + 5_000);
        assertEquals(HaState.HOT_STANDBY, m.state(), "past max_response_delay, but no client is left waiting");
        m.partnerClientWaiting(1, T0 + 5_100);
        m.partnerClientWaiting(2, T0 + 5_200);
        m.partnerClientWaiting(2, T0 + 5_250);
        assertEquals(HaState.HOT_STANDBY, m.state(), "two distinct clients: not more than max_unacked_clients=2");
        m.partnerClientWaiting(3, T0 + 5_300);
        assertEquals(HaState.PARTNER_DOWN, m.state());
        assertEquals(Serving.ALL, m.serving());
    }

    @Test
    void withMaxUnackedZeroTheSilenceAloneMakesThePartnerDown() {
        HaMachine m = normal(Mode.LOAD_BALANCING, Role.SECONDARY, 0);
        m.unanswered(T0 + 2_000);
        assertEquals(HaState.LOAD_BALANCING, m.state(), "within max_response_delay (3 s) of the last answer");
        m.unanswered(T0 + 4_000);
        assertEquals(HaState.PARTNER_DOWN, m.state());
    }

    @Test
    void aNodeAloneServesEveryoneAfterMaxResponseDelay() {
        HaMachine m = new HaMachine(settings(Mode.HOT_STANDBY, Role.STANDBY, 10), T0);
        m.unanswered(T0 + 1_000);
        assertEquals(HaState.WAITING, m.state());
        m.unanswered(T0 + 3_000);
        assertEquals(HaState.PARTNER_DOWN, m.state());
    }

    @Test
    void thePartnerComingBackSyncsAndThenBothResume() {
        HaMachine survivor = normal(Mode.HOT_STANDBY, Role.STANDBY, 0);
        survivor.unanswered(T0 + 4_000);
        assertEquals(HaState.PARTNER_DOWN, survivor.state());
        survivor.answered(HaState.WAITING, T0, T0 + 10_000);
        assertEquals(HaState.PARTNER_DOWN, survivor.state(), "keeps serving while the partner syncs");
        assertTrue(survivor.sendsUpdates(), "updates go to a partner that is coming back");
        assertFalse(survivor.waitsForPartner(), "but no ACK waits for them");
        survivor.answered(HaState.SYNCING, T0, T0 + 11_000);
        survivor.answered(HaState.READY, T0, T0 + 12_000);
        assertEquals(HaState.HOT_STANDBY, survivor.state());
        assertEquals(Serving.NONE, survivor.serving(), "the standby hands everyone back to the primary");

        HaMachine back = new HaMachine(settings(Mode.HOT_STANDBY, Role.PRIMARY, 0), T0 + 10_000);
        back.answered(HaState.PARTNER_DOWN, T0, T0 + 10_100);
        assertEquals(HaState.SYNCING, back.state());
        back.synced(true, "", T0 + 10_200);
        back.answered(HaState.PARTNER_DOWN, T0, T0 + 10_300);
        assertEquals(HaState.READY, back.state(), "waits for the survivor to hand over");
        back.answered(HaState.HOT_STANDBY, T0, T0 + 12_100);
        assertEquals(HaState.HOT_STANDBY, back.state());
        assertEquals(Serving.OWN, back.serving());
    }

    @Test
    void aNormalNodeWhosePartnerServedAloneGoesBackToWaiting() {
        HaMachine m = normal(Mode.LOAD_BALANCING, Role.PRIMARY, 10);
        m.answered(HaState.PARTNER_DOWN, T0, T0 + 5_000);
        assertEquals(HaState.WAITING, m.state());
        assertEquals(Serving.NONE, m.serving());
    }

    @Test
    void afterAPartitionThePrimaryKeepsServingAndTheOtherSyncs() {
        HaMachine primary = normal(Mode.LOAD_BALANCING, Role.PRIMARY, 0);
        HaMachine secondary = normal(Mode.LOAD_BALANCING, Role.SECONDARY, 0);
        primary.unanswered(T0 + 4_000);
        secondary.unanswered(T0 + 4_000);
        primary.answered(HaState.PARTNER_DOWN, T0, T0 + 9_000);
        secondary.answered(HaState.PARTNER_DOWN, T0, T0 + 9_000);
        assertEquals(HaState.PARTNER_DOWN, primary.state());
        assertEquals(HaState.WAITING, secondary.state());
    }

    @Test
    void clocksFarApartTerminateTheHa() {
        HaMachine m = normal(Mode.LOAD_BALANCING, Role.PRIMARY, 10);
        m.answered(HaState.LOAD_BALANCING, T0 + 61_000 + 1_000, T0 + 1_000);
        assertEquals(HaState.TERMINATED, m.state());
        assertEquals(Serving.OWN, m.serving());
        assertFalse(m.sendsUpdates());
        m.answered(HaState.LOAD_BALANCING, T0 + 2_000, T0 + 2_000);
        assertEquals(HaState.TERMINATED, m.state(), "until restarted");
    }

    @Test
    void aFailedSyncWaitsAgain() {
        HaMachine m = new HaMachine(settings(Mode.HOT_STANDBY, Role.PRIMARY, 10), T0);
        m.answered(HaState.HOT_STANDBY, T0, T0 + 100);
        m.synced(false, "refused", T0 + 200);
        assertEquals(HaState.WAITING, m.state());
        assertTrue(m.reason().contains("refused"));
    }

    /** A machine in the normal state, its partner answered last at T0. */
    static HaMachine normal(Mode mode, Role role, int maxUnacked) {
        HaMachine m = new HaMachine(settings(mode, role, maxUnacked), T0 - 1_000);
        m.answered(HaState.READY, T0, T0 - 900);
        m.synced(true, "", T0 - 800);
        m.answered(HaState.READY, T0, T0);
        assertTrue(m.state() == HaState.HOT_STANDBY || m.state() == HaState.LOAD_BALANCING, m.state().toString());
        return m;
    }
}
