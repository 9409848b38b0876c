package org.phoneprov.phonesim.cwmp;

import java.util.List;
import java.util.Optional;

/**
 * What a CPE keeps across restarts: its parameters ({@link ParameterTree}), whether it has
 * bootstrapped with this ACS (TR-069 Amendment 6, 3.7.1.5: "0 BOOTSTRAP" once, then after a
 * factory reset or a new ACS URL), the events not yet delivered and a TransferComplete not yet
 * acknowledged (both "MUST be retained" across a reboot until the ACS took them).
 */
record CwmpState(ParameterTree tree, boolean bootstrapped, List<CwmpEvent> pending,
                 Optional<CwmpSession.Transfer> transfer) {
    CwmpState {
        pending = List.copyOf(pending);
    }
}
