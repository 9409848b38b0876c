package org.phoneprov.phonesim.gigaset;

import org.phoneprov.phonesim.phone.PhoneIdentity;

/**
 * The User-Agent a Gigaset sends: product, firmware, and its MAC after a ';' (Gigaset seed, MSC
 * remark *1: "Additionally the MAC address will be send"), as Wazo's wazo-gigaset matches them
 * (docs/vendor-formats.md 2.4): {@code Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E4},
 * {@code N510 IP PRO/42.245.00.000.000;7C2F804DF9A9}. The firmware versions are those examples';
 * for the C470 IP and C590 IP no User-Agent is in our sources, so theirs is the same form with
 * a version of zeros.
 */
public final class UserAgents {
    private UserAgents() {
    }

    public static String of(PhoneIdentity id) {
        String firmware = switch (id.model()) {
            case N510 -> "42.245.00.000.000";
            case N720 -> "70.089.00.000.000";
            default -> "00.000.00.000.000";
        };
        return "Gigaset " + id.model().hardware() + "/" + firmware + ";" + id.mac().hex();
    }
}
