package org.phoneprov.dhcpd.classify;

import java.util.List;
import java.util.Optional;
import org.phoneprov.common.config.ByteMatch;
import org.phoneprov.common.config.DeviceClass;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * Whether one client meets every {@code match:} condition of a class. An empty condition
 * holds for everyone; a byte condition on an option the client did not send fails.
 */
final class ClassConditions {
    private ClassConditions() {
    }

    static boolean hold(DeviceClass c, Mac mac, Optional<Model> model, Optional<Model.Vendor> vendor,
                        boolean inInventory, Optional<byte[]> option60, Optional<byte[]> option77) {
        // models, vendor and oui: the config model's own rules (a class with models never takes
        // an unknown model, one with a vendor never an unknown maker)
        return c.matchesModelAndOui(model.orElse(null), mac)
                && c.matchesVendor(vendor)
                && allHold(c.vendorClass(), option60)
                && allHold(c.userClass(), option77)
                && (!c.inventory() || inInventory);
    }

    /** All conditions hold on the option's raw bytes; no conditions always hold. */
    private static boolean allHold(List<ByteMatch> conditions, Optional<byte[]> option) {
        if (conditions.isEmpty()) {
            return true;
        }
        if (option.isEmpty()) {
            return false;
        }
        for (ByteMatch m : conditions) {
            if (!m.test(option.get())) {
                return false;
            }
        }
        return true;
    }
}
