package org.phoneprov.sipd.notify;

import java.util.Locale;
import java.util.Set;
import org.phoneprov.common.provision.Model;

/**
 * What a vendor's phones expect in the NOTIFY {@code Event} header to re-provision.
 * The ST20xx of the APS seed (3.4) and most vendors since take {@code check-sync},
 * with {@code ;reboot=true} to reboot; Cisco's SPA line (from Sipura, sold as Linksys)
 * takes {@code resync} and {@code reboot} instead.
 */
public enum Dialect {
    CHECK_SYNC("check-sync", "check-sync;reboot=true"),
    RESYNC("resync", "reboot");

    private static final Set<String> RESYNC_VENDORS = Set.of("cisco", "sipura", "linksys");

    private final String basic;
    private final String rebooting;

    Dialect(String basic, String rebooting) {
        this.basic = basic;
        this.rebooting = rebooting;
    }

    /** The Event header value; without reboot the basic form, which the seed says equals {@code reboot=false}. */
    public String event(boolean reboot) {
        return reboot ? rebooting : basic;
    }

    /**
     * By vendor name, case-insensitive. Vendors not known to differ get CHECK_SYNC: it is
     * what Thomson/Technicolor, Snom, Yealink, Polycom, Grandstream, Panasonic and Gigaset take.
     */
    public static Dialect forVendor(String vendor) {
        String v = vendor == null ? "" : vendor.trim().toLowerCase(Locale.ROOT);
        for (String r : RESYNC_VENDORS) {
            if (v.startsWith(r)) {
                return RESYNC;
            }
        }
        return CHECK_SYNC;
    }

    /** The seed's models are all Thomson ST20xx. */
    public static Dialect forModel(Model model) {
        return CHECK_SYNC;
    }
}
