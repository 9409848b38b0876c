package org.phoneprov.phonesim.phone;

import java.util.Objects;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * What a phone is: its MAC and its model. Everything the phone derives from them — the
 * names it appends to paths and what it says about itself in DHCP — is here, so the
 * DHCP client and the provisioning run cannot spell them differently. A Gigaset model
 * says what a Gigaset says (docs/vendor-formats.md 4): its option 60 string, no option 77.
 */
public record PhoneIdentity(Mac mac, Model model) {
    /** Seed 2.4, option 60: manufacturer id 1. */
    public static final String MANUFACTURER = "Thomson";

    public PhoneIdentity {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(model, "model");
    }

    /**
     * {@code ST2030S_00147F770001.inf}: the INF a phone asks for when nothing names one
     * (seed 2.2, 2.4). The seed's example writes the MAC in lower case once and in upper
     * case for the config; the suite serves both (names match case-insensitively) and the
     * phone uses the upper-case form of its MAC config names.
     */
    public String macInfName() {
        return model.filePrefix() + mac.hex() + ".inf";
    }

    /** {@code ST2030S_00147F770001.txt} (seed 2.1), or {@code .ser} when encrypted (seed 6). */
    public String macConfigName(String extension) {
        return model.filePrefix() + mac.hex() + extension;
    }

    /**
     * Option 60 in the seed's string form (2.4): code and length as two ASCII decimal
     * digits each, "since several servers have been found which cannot recognize
     * non-string characters in this option": {@code 0107Thomson0206ST20300303SIP}.
     */
    public String vendorClass() {
        if (model.isGigaset()) {
            return gigasetVendorClass();
        }
        return field(1, MANUFACTURER) + field(2, model.hardware()) + field(3, model.protocol().name());
    }

    /**
     * A Gigaset's option 60, as Wazo's plugins list them (docs/vendor-formats.md 4): the PRO
     * phones with a {@code Gigaset_} prefix ({@code Gigaset_N510_IP_PRO}, {@code Gigaset_N720_DM_PRO}),
     * the older C470/C590 without ({@code C470_IP}, {@code C590_IP}).
     */
    private String gigasetVendorClass() {
        String name = model.hardware().replace(' ', '_');
        return name.endsWith("_PRO") ? "Gigaset_" + name : name;
    }

    /** Option 77 (seed 2.4): {@code Thomson ST2030S}; a Gigaset sends none (none of our sources shows one). */
    public java.util.Optional<String> userClass() {
        return model.isGigaset() ? java.util.Optional.empty() : java.util.Optional.of(MANUFACTURER + " " + model.name());
    }

    private static String field(int code, String value) {
        return String.format(java.util.Locale.ROOT, "%02d%02d%s", code, value.length(), value);
    }

    @Override
    public String toString() {
        return model.name() + " " + mac.colon();
    }
}
