package org.phoneprov.phonesim.aps;

import java.util.List;
import org.phoneprov.common.provision.Model.Protocol;

/**
 * One kind of file the INF names, with the INF keys that name it (2.4.3 for TFTP, 2.5.3
 * for HTTP; the certificate keys are those of the example in 2.4.4 and, for SIPs, the
 * suite's by analogy) and the LCD messages of 2.6 for its failures. The tables and
 * certificates have no line of their own in 2.6: a missing table shows the melody
 * message (they are downloaded with the melodies), a missing certificate "Provision Error!".
 */
public enum Slot {
    FIRMWARE(List.of("fw_filename", "fwurl"), LcdMessage.FIRMWARE_NOT_FOUND, LcdMessage.WRONG_FIRMWARE,
            LcdMessage.CORRUPTED_FIRMWARE),
    MELODIES(List.of("melodies"), LcdMessage.MELODY_NOT_FOUND, LcdMessage.WRONG_MELODY_CONFIG,
            LcdMessage.CORRUPTED_MELODY),
    SYSTEM_MELODIES(List.of("system_melodies"), LcdMessage.MELODY_NOT_FOUND, LcdMessage.WRONG_MELODY_CONFIG,
            LcdMessage.CORRUPTED_MELODY),
    CALL_WAITING_TONE(List.of("call_waiting_tone"), LcdMessage.MELODY_NOT_FOUND, LcdMessage.WRONG_MELODY_CONFIG,
            LcdMessage.CORRUPTED_MELODY),
    BEEP_TONE(List.of("beep_tone"), LcdMessage.MELODY_NOT_FOUND, LcdMessage.WRONG_MELODY_CONFIG,
            LcdMessage.CORRUPTED_MELODY),
    TONE_TABLE(List.of("tone_table"), LcdMessage.MELODY_NOT_FOUND, LcdMessage.WRONG_MELODY_CONFIG,
            LcdMessage.CORRUPTED_MELODY),
    LANGUAGE_TABLE(List.of("language_table"), LcdMessage.MELODY_NOT_FOUND, LcdMessage.WRONG_MELODY_CONFIG,
            LcdMessage.CORRUPTED_MELODY),
    SIPS_CERT(List.of("certSIPsfilename"), LcdMessage.PROVISION_ERROR, LcdMessage.PROVISION_ERROR,
            LcdMessage.PROVISION_ERROR),
    SIPS_KEY(List.of("pkeySIPsfilename"), LcdMessage.PROVISION_ERROR, LcdMessage.PROVISION_ERROR,
            LcdMessage.PROVISION_ERROR),
    SIPS_CA(List.of("calistSIPsfilename"), LcdMessage.PROVISION_ERROR, LcdMessage.PROVISION_ERROR,
            LcdMessage.PROVISION_ERROR),
    HTTPS_CERT(List.of("certAPSfilename"), LcdMessage.PROVISION_ERROR, LcdMessage.PROVISION_ERROR,
            LcdMessage.PROVISION_ERROR),
    HTTPS_KEY(List.of("pkeyAPSfilename"), LcdMessage.PROVISION_ERROR, LcdMessage.PROVISION_ERROR,
            LcdMessage.PROVISION_ERROR),
    HTTPS_CA(List.of("calistAPSfilename"), LcdMessage.PROVISION_ERROR, LcdMessage.PROVISION_ERROR,
            LcdMessage.PROVISION_ERROR),
    TELCFG(List.of("telcfg"), LcdMessage.TEL_CONFIG_NOT_FOUND, LcdMessage.WRONG_TEL_CONFIG,
            LcdMessage.CORRUPTED_CONFIG),
    COMMON_CONFIG(List.of("common_config"), LcdMessage.COM_CONFIG_NOT_FOUND, LcdMessage.WRONG_COM_CONFIG,
            LcdMessage.CORRUPTED_CONFIG),
    /** Not named by the INF: the phone appends its own name (2.4.1 step 16, 2.5.1 step 16). Missing is fine. */
    MAC_CONFIG(List.of(), LcdMessage.COM_CONFIG_NOT_FOUND, LcdMessage.WRONG_COM_CONFIG, LcdMessage.CORRUPTED_CONFIG),
    DECKFILES(List.of("deckfile"), LcdMessage.DECK_NOT_FOUND, LcdMessage.CORRUPTED_DECK, LcdMessage.CORRUPTED_DECK);

    /** Seed 2.4.1 (TFTP) and 2.5.1 (HTTP), steps 2–16. */
    static final List<Slot> SIP_ORDER = List.of(FIRMWARE, MELODIES, SYSTEM_MELODIES, CALL_WAITING_TONE, TONE_TABLE,
            LANGUAGE_TABLE, SIPS_CERT, SIPS_KEY, SIPS_CA, HTTPS_CERT, HTTPS_KEY, HTTPS_CA, TELCFG, COMMON_CONFIG,
            MAC_CONFIG);
    /**
     * Seed 2.4.2 (TFTP) and 2.5.2 (HTTP): no tone table and no SIPs certificates; deck
     * files last, after the reboot decision (2.4.2 steps 16–17). 2.4.2 lists the CWT
     * melody twice (steps 5 and 7) and "Cert of HTTPs" twice (9 and 11, the second being
     * the CA by 2.4.2's own list): each file once here.
     */
    static final List<Slot> MGCP_ORDER = List.of(FIRMWARE, MELODIES, SYSTEM_MELODIES, CALL_WAITING_TONE, BEEP_TONE,
            LANGUAGE_TABLE, HTTPS_CERT, HTTPS_KEY, HTTPS_CA, TELCFG, COMMON_CONFIG, MAC_CONFIG, DECKFILES);

    private final List<String> infKeys;
    private final LcdMessage notFound;
    private final LcdMessage wrong;
    private final LcdMessage corrupted;

    Slot(List<String> infKeys, LcdMessage notFound, LcdMessage wrong, LcdMessage corrupted) {
        this.infKeys = infKeys;
        this.notFound = notFound;
        this.wrong = wrong;
        this.corrupted = corrupted;
    }

    public static List<Slot> order(Protocol p) {
        return p == Protocol.SIP ? SIP_ORDER : MGCP_ORDER;
    }

    /** INF keys that name this file; the first present wins. */
    public List<String> infKeys() {
        return infKeys;
    }

    /** The key under which the phone remembers the last name (its first INF key, lower case). */
    public String stateKey() {
        return infKeys.isEmpty() ? name().toLowerCase(java.util.Locale.ROOT)
                : infKeys.get(0).toLowerCase(java.util.Locale.ROOT);
    }

    public LcdMessage notFound() {
        return notFound;
    }

    /** "If the ... file name or URL is not as expected" (2.6). */
    public LcdMessage wrong() {
        return wrong;
    }

    public LcdMessage corrupted() {
        return corrupted;
    }

    /** Config files are parsed and applied; over HTTP the phone POSTs for them (2.5.3). */
    public boolean isConfig() {
        return this == TELCFG || this == COMMON_CONFIG || this == MAC_CONFIG;
    }
}
