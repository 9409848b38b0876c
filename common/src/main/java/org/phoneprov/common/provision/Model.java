package org.phoneprov.common.provision;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The phone models the suite provisions. Those of the APS seed (section 1.1): ST2030 and
 * ST2022, each as a SIP ({@code S}) or MGCP ({@code M}) variant; the model name is also
 * the file-name prefix of its MAC-specific config (seed 2.1: {@code ST2030S_009096A1B1C1.txt}).
 * Those of the Gigaset seed: IP and IP-PRO phones that read a VoIP profile (an XML file)
 * instead of INF, common and MAC configs (see {@code provision.gigaset}).
 */
public enum Model {
    ST2030S("ST2030", Protocol.SIP, 4, Vendor.THOMSON),
    ST2030M("ST2030", Protocol.MGCP, 4, Vendor.THOMSON),
    ST2022S("ST2022", Protocol.SIP, 2, Vendor.THOMSON),
    ST2022M("ST2022", Protocol.MGCP, 2, Vendor.THOMSON),
    /** Six SIP accounts: Wazo's wazo-gigaset N510 plugin-info ("lines": 6). */
    N510("N510 IP PRO", Protocol.SIP, 6, Vendor.GIGASET),
    /** A DECT multi-cell manager; the inventory's line limit applies. */
    N720("N720 DM PRO", Protocol.SIP, 6, Vendor.GIGASET),
    /** C470 IP / C590 IP: six VoIP accounts each (Gigaset's element-per-setting profile has _1.._6). */
    C470("C470 IP", Protocol.SIP, 6, Vendor.GIGASET),
    C590("C590 IP", Protocol.SIP, 6, Vendor.GIGASET);

    public enum Protocol { SIP, MGCP }

    /** Who made it, which decides how it is provisioned. */
    public enum Vendor { THOMSON, GIGASET }

    private static final List<Model> ST20XX = Arrays.stream(values()).filter(m -> m.vendor == Vendor.THOMSON).toList();
    private static final String NAMES = String.join(", ", Arrays.stream(values()).map(Model::name).toList());
    private final String hardware;
    private final Protocol protocol;
    private final int lines;
    private final Vendor vendor;

    Model(String hardware, Protocol protocol, int lines, Vendor vendor) {
        this.hardware = hardware;
        this.protocol = protocol;
        this.lines = lines;
        this.vendor = vendor;
    }

    /** The ST20xx models: those with INF, common and MAC configs, models: settings and DHCP classes of the APS seed. */
    public static List<Model> st20xx() {
        return ST20XX;
    }

    /** Every model's name, {@code ST2030S, ST2030M, ..., C590}: the "known:" list of a config error. */
    public static String names() {
        return NAMES;
    }

    public Vendor vendor() {
        return vendor;
    }

    public boolean isGigaset() {
        return vendor == Vendor.GIGASET;
    }

    /**
     * How many accounts (lines) the phone has: 4 on the ST2030, 2 on the ST2022. Not in the
     * APS seed; from Wazo's technicolor plugin ({@code _NB_LINES}), see docs/vendor-formats.md 1.3.
     */
    public int lines() {
        return lines;
    }

    /** {@code ST2030}: what option 60's model id carries (seed 2.4); a Gigaset's product name. */
    public String hardware() {
        return hardware;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** {@code ST2030S_}: prefix of the MAC-specific config and INF names (seed 2.1, 2.2). */
    public String filePrefix() {
        return name() + "_";
    }

    /** The family folder of the built-in templates, {@code st20xx/sip}. */
    public String templateFolder() {
        return "st20xx/" + protocol.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Model> parse(String text) {
        for (Model m : values()) {
            if (m.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
