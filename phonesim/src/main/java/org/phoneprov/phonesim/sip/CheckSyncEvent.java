package org.phoneprov.phonesim.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * The Event header of a check-sync NOTIFY (APS seed 3.4): {@code check-sync},
 * {@code check-sync;reboot=false} or {@code check-sync;reboot=true}, read leniently
 * (any case, spaces, quotes) as phones do. Other parameters, like {@code id}, are ignored.
 */
final class CheckSyncEvent {
    static final String EVENT = "check-sync";

    private CheckSyncEvent() {
    }

    /** Whether to reboot, or empty when the value is not a check-sync event. */
    static Optional<Boolean> reboot(String eventValue) {
        String[] parts = eventValue.split(";");
        if (!parts[0].trim().equalsIgnoreCase(EVENT)) {
            return Optional.empty();
        }
        boolean reboot = false;
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0 || !parts[i].substring(0, eq).trim().equalsIgnoreCase("reboot")) {
                continue;
            }
            String v = parts[i].substring(eq + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT);
            // The seed knows "true" and "false"; anything else keeps the basic behaviour.
            reboot = v.equals("true");
        }
        return Optional.of(reboot);
    }
}
