package org.phoneprov.phonesim.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckSyncEventTest {
    @Test
    void readsTheSeedsThreeForms() {
        assertEquals(Optional.of(false), CheckSyncEvent.reboot("check-sync"));
        assertEquals(Optional.of(false), CheckSyncEvent.reboot("check-sync;reboot=false"));
        assertEquals(Optional.of(true), CheckSyncEvent.reboot("check-sync;reboot=true"));
    }

    @Test
    void isLenientLikeAPhone() {
        assertEquals(Optional.of(true), CheckSyncEvent.reboot(" Check-Sync ; id=4 ; REBOOT = \"True\" "));
        assertEquals(Optional.of(false), CheckSyncEvent.reboot("check-sync;reboot=maybe"));
    }

    @Test
    void otherEventsAreNotCheckSync() {
        assertEquals(Optional.empty(), CheckSyncEvent.reboot("ua-profile;profile-type=device"));
        assertEquals(Optional.empty(), CheckSyncEvent.reboot(""));
    }
}
