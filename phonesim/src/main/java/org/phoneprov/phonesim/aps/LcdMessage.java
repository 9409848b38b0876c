package org.phoneprov.phonesim.aps;

/**
 * What the phone shows on line 3 of its LCD when provisioning fails, with the seed's
 * exact texts (2.6; "Provision Error!" is from 6, shown when a {@code .ser} cannot be
 * used and, here, for failures the 2.6 table has no line for, such as a missing
 * certificate).
 */
public enum LcdMessage {
    WRONG_FIRMWARE("Wrong Firmware"),
    WRONG_COM_CONFIG("Wrong Com Config"),
    WRONG_TEL_CONFIG("Wrong Tel Config"),
    WRONG_MELODY_CONFIG("Wrong Melody Config"),
    SERVER_UNREACHABLE("Server Unreachable"),
    GEN_FILE_NOT_FOUND("Gen File Not Found"),
    FIRMWARE_NOT_FOUND("Firmware Not Found"),
    MELODY_NOT_FOUND("Melody Cfg Not Found"),
    COM_CONFIG_NOT_FOUND("Com Config Not Found"),
    TEL_CONFIG_NOT_FOUND("Tel Config Not Found"),
    DECK_NOT_FOUND("Deck File Not Found"),
    CORRUPTED_FIRMWARE("Corrupted Firmware"),
    CORRUPTED_CONFIG("Corrupted Config"),
    CORRUPTED_DECK("Corrupted Deck Files"),
    CORRUPTED_MELODY("Corrupted Melody file"),
    XML_SYNTAX_ERROR("XML Syntax Error"),
    PROVISION_ERROR("Provision Error!");

    private final String text;

    LcdMessage(String text) {
        this.text = text;
    }

    /** Exactly as the seed writes it. */
    public String text() {
        return text;
    }

    /** Seed 2.6: only these two are retried (3 times, 30 s apart) before they are shown. */
    public boolean retried() {
        return this == SERVER_UNREACHABLE || this == GEN_FILE_NOT_FOUND;
    }

    @Override
    public String toString() {
        return text;
    }
}
