package org.phoneprov.common.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * A named group of phones: which phones belong (by model or MAC OUI) and the
 * template variables they share. dhcpd extends the match with what a phone says in
 * its DHCP request.
 */
public record DeviceClass(String name, Set<Model> models, List<Integer> ouis, Map<String, String> vars) {
    public DeviceClass {
        models = Set.copyOf(models);
        ouis = List.copyOf(ouis);
        vars = Map.copyOf(vars);
    }

    public boolean matches(Model model, Mac mac) {
        boolean byModel = models.isEmpty() || models.contains(model);
        boolean byOui = ouis.isEmpty() || ouis.contains(mac.oui());
        return byModel && byOui;
    }
}
