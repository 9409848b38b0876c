package org.phoneprov.sipd.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.phoneprov.common.provision.Model;

class DialectTest {

    @Test
    void checkSyncEventTextFollowsSeed34() {
        assertEquals("check-sync", Dialect.CHECK_SYNC.event(false));
        assertEquals("check-sync;reboot=true", Dialect.CHECK_SYNC.event(true));
    }

    @Test
    void ciscoStyleUsesResyncAndReboot() {
        assertEquals("resync", Dialect.RESYNC.event(false));
        assertEquals("reboot", Dialect.RESYNC.event(true));
    }

    @Test
    void vendorsMapToTheirDialect() {
        for (String v : new String[] {"Cisco", "sipura", "Linksys", " LINKSYS "}) {
            assertEquals(Dialect.RESYNC, Dialect.forVendor(v), v);
        }
        for (String v : new String[] {"Thomson", "technicolor", "snom", "Yealink", "Polycom", "Grandstream",
                "Panasonic", "Gigaset", "someone-else", "", null}) {
            assertEquals(Dialect.CHECK_SYNC, Dialect.forVendor(v), String.valueOf(v));
        }
    }

    @Test
    void seedModelsTakeCheckSync() {
        for (Model m : Model.values()) {
            assertEquals(Dialect.CHECK_SYNC, Dialect.forModel(m));
        }
    }
}
