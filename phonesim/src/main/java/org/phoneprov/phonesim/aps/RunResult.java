package org.phoneprov.phonesim.aps;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.phone.PhoneState;

/**
 * How one provisioning run ended.
 *
 * @param error        the LCD message (seed 2.6) when the run failed; the state is then unchanged
 * @param detail       a sentence for the admin: what was applied, or which file failed and why
 * @param state        the phone's state after the run (the old one when it failed)
 * @param rebootNeeded "Reboot if any upgrade was successful" (2.4.1 step 18): something new was
 *                     downloaded and applied
 * @param changes      what was downloaded and applied, in order ({@code firmware st2030/v2.zz}, …)
 * @param fetches      every request, failed attempts included
 * @param inf          where the INF was found
 * @param attempts     1, plus the retries of 2.6
 */
public record RunResult(Optional<LcdMessage> error, String detail, PhoneState state, boolean rebootNeeded,
                        List<String> changes, List<FetchRecord> fetches, InfSource source, Optional<Location> inf,
                        int attempts, Duration elapsed) {
    public RunResult {
        changes = List.copyOf(changes);
        fetches = List.copyOf(fetches);
    }

    public boolean ok() {
        return error.isEmpty();
    }
}
