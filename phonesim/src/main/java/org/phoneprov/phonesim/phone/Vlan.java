package org.phoneprov.phonesim.phone;

import java.util.Optional;

/**
 * A phone's VLAN setting as the APS seed names its parts (4.4.3): the enabling flag
 * (option 190, 1 byte), the voice VLAN id (option 191, 2 bytes) and the data VLAN id
 * (option 192, 2 bytes). The seed calls a set "valid when all three parameters are
 * provided and the three have a valid value" without giving the ranges; we take the
 * 802.1Q ones: flag 0 or 1, ids 0–4094, and a voice id of at least 1 when tagging is on
 * (id 0 is "priority tag only", not a VLAN to put the phone in).
 */
public record Vlan(int flag, int voiceId, int dataId) {
    static final int MAX_ID = 4094;

    /** The set, when it is valid (seed 4.4.3). */
    public static Optional<Vlan> valid(int flag, int voiceId, int dataId) {
        Vlan v = new Vlan(flag, voiceId, dataId);
        return v.isValid() ? Optional.of(v) : Optional.empty();
    }

    public boolean isValid() {
        boolean flagOk = flag == 0 || flag == 1;
        boolean idsOk = voiceId >= 0 && voiceId <= MAX_ID && dataId >= 0 && dataId <= MAX_ID;
        return flagOk && idsOk && (flag == 0 || voiceId >= 1);
    }

    /** Whether the phone tags its frames (flag 1); flag 0 is a valid "no VLAN". */
    public boolean tagged() {
        return flag == 1;
    }

    @Override
    public String toString() {
        return tagged() ? "voice " + voiceId + " data " + dataId : "untagged";
    }
}
