package org.phoneprov.common.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * A named group of phones: which phones belong, the template variables they share and
 * what dhcpd tells them. Conditions all have to hold; an empty one holds for everyone.
 *
 * @param vendor      {@code match.vendor}: who made the phone, as dhcpd concludes it (the
 *                    model's maker; for a phone of unknown model, Gigaset when its option 60
 *                    or MAC prefix is Gigaset's); empty holds for everyone
 * @param vendorClass conditions on option 60's raw bytes
 * @param userClass   conditions on option 77's raw bytes
 * @param inventory   true: only phones of the inventory; false: any phone
 */
public record DeviceClass(String name, Set<Model> models, Optional<Model.Vendor> vendor, List<Integer> ouis,
                          List<ByteMatch> vendorClass, List<ByteMatch> userClass, boolean inventory,
                          Map<String, String> vars, DhcpClassOptions dhcp) {
    public DeviceClass {
        models = Set.copyOf(models);
        ouis = List.copyOf(ouis);
        vendorClass = List.copyOf(vendorClass);
        userClass = List.copyOf(userClass);
        vars = Map.copyOf(vars);
    }

    /** Whether an inventory device belongs, judged from what the inventory knows (no packet). */
    public boolean matches(Model model, Mac mac) {
        return vendorClass.isEmpty() && userClass.isEmpty() && matchesModelAndOui(model, mac)
                && matchesVendor(Optional.ofNullable(model).map(Model::vendor));
    }

    public boolean matchesModelAndOui(Model model, Mac mac) {
        boolean byModel = models.isEmpty() || (model != null && models.contains(model));
        boolean byOui = ouis.isEmpty() || ouis.contains(mac.oui());
        return byModel && byOui;
    }

    /** A class with a vendor never takes a phone whose maker is unknown. */
    public boolean matchesVendor(Optional<Model.Vendor> phoneVendor) {
        return vendor.isEmpty() || vendor.equals(phoneVendor);
    }
}
