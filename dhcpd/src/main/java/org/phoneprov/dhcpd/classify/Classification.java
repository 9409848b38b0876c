package org.phoneprov.dhcpd.classify;

import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.DeviceClass;
import org.phoneprov.common.provision.Model;

/**
 * What the {@link Classifier} concluded about one client.
 *
 * @param model       the phone model, if anything named it
 * @param source      where the model came from ({@link Source#UNKNOWN} when nothing did)
 * @param vendor      who made it: the model's maker, else Gigaset when option 60 or the MAC's
 *                    OUI is Gigaset's ({@link GigasetClient}); empty when nothing says.
 *                    It decides how the phone is told where to provision (a Gigaset: 114)
 * @param device      the inventory entry of the client's MAC, if any
 * @param deviceClass the class whose DHCP settings the client gets, if any
 */
public record Classification(Optional<Model> model, Source source, Optional<Model.Vendor> vendor,
                             Optional<Device> device, Optional<DeviceClass> deviceClass) {

    /** A known model decides the maker; only without one may option 60 or the OUI say it. */
    public Classification {
        if (model.isPresent()) {
            vendor = Optional.of(model.get().vendor());
        }
    }

    /** Where the model came from, in the order the classifier asks. */
    public enum Source { INVENTORY, VENDOR_CLASS, USER_CLASS, UNKNOWN }

    /** A client nothing is known about, in no class. */
    public static Classification unknown() {
        return new Classification(Optional.empty(), Source.UNKNOWN, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The class name for log lines and leases; {@code ""} when the client is in no class. */
    public String className() {
        return deviceClass.map(DeviceClass::name).orElse("");
    }
}
