package org.phoneprov.common.provision;

import java.util.Locale;
import java.util.Optional;

/**
 * The phone models of the APS seed (section 1.1): ST2030 and ST2022, each as a SIP
 * ({@code S}) or MGCP ({@code M}) variant. The model name is also the file-name
 * prefix of its MAC-specific config (seed 2.1: {@code ST2030S_009096A1B1C1.txt}).
 */
public enum Model {
    ST2030S("ST2030", Protocol.SIP, 4),
    ST2030M("ST2030", Protocol.MGCP, 4),
    ST2022S("ST2022", Protocol.SIP, 2),
    ST2022M("ST2022", Protocol.MGCP, 2);

    public enum Protocol { SIP, MGCP }

    private final String hardware;
    private final Protocol protocol;
    private final int lines;

    Model(String hardware, Protocol protocol, int lines) {
        this.hardware = hardware;
        this.protocol = protocol;
        this.lines = lines;
    }

    /**
     * How many accounts (lines) the phone has: 4 on the ST2030, 2 on the ST2022. Not in the
     * APS seed; from Wazo's technicolor plugin ({@code _NB_LINES}), see docs/vendor-formats.md 1.3.
     */
    public int lines() {
        return lines;
    }

    /** {@code ST2030}: what option 60's model id carries (seed 2.4). */
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
