package org.phoneprov.dhcpd.classify;

import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.DeviceClass;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * Decides what a DHCP client is and which class's DHCP settings it gets. Plain Java, no
 * packet types: the caller hands over the MAC and the raw values of options 60 and 77.
 *
 * <p>The order, as an admin reads it:
 * <ol>
 *   <li><b>The model.</b> The inventory entry of the MAC (the admin's word wins over what
 *       the phone says) → option 60 in the ST20xx code/length/value form (APS seed 2.4) or
 *       a Gigaset string such as {@code Gigaset_N510_IP_PRO} → option 77,
 *       {@code Thomson ST2030S} (seed 2.4) → unknown.</li>
 *   <li><b>The vendor.</b> The model's maker → Gigaset when option 60 or the MAC's OUI is
 *       Gigaset's ({@link GigasetClient}), so that a Gigaset of unknown model still gets its
 *       profile URL (option 114) → unknown.</li>
 *   <li><b>The class.</b> The inventory entry's explicit {@code class:} if it has one;
 *       else the first class, in the order written under {@code classes:}, whose every
 *       condition holds:
 *       <ul>
 *         <li>{@code models}: the model found in step 1 is listed (a class with models
 *             never takes a phone of unknown model);</li>
 *         <li>{@code vendor}: the vendor found in step 2 is that one (an unknown vendor
 *             never matches);</li>
 *         <li>{@code oui}: the MAC's first three bytes are listed;</li>
 *         <li>{@code vendor_class}: every byte condition holds on option 60's raw bytes
 *             (no option 60 → fails);</li>
 *         <li>{@code user_class}: the same on option 77's raw bytes;</li>
 *         <li>{@code inventory: true}: the MAC is in the inventory.</li>
 *       </ul>
 *       No class holds → no class: the client gets an address and the subnet's options only.</li>
 * </ol>
 * Immutable and thread-safe; a config reload builds a new one.
 */
public final class Classifier {
    private final SuiteConfig config;

    public Classifier(SuiteConfig config) {
        this.config = config;
    }

    public Classification classify(Mac mac, Optional<byte[]> option60, Optional<byte[]> option77) {
        Optional<Device> device = config.device(mac);
        Optional<Model> model = device.map(Device::model);
        Classification.Source source = Classification.Source.INVENTORY;
        if (model.isEmpty()) {
            model = option60.flatMap(ModelFromClient::fromVendorClass);
            source = Classification.Source.VENDOR_CLASS;
        }
        if (model.isEmpty()) {
            model = option77.flatMap(ModelFromClient::fromUserClass);
            source = Classification.Source.USER_CLASS;
        }
        if (model.isEmpty()) {
            source = Classification.Source.UNKNOWN;
        }
        Optional<Model.Vendor> vendor = model.map(Model::vendor).or(() -> GigasetClient.isGigaset(mac, option60)
                ? Optional.of(Model.Vendor.GIGASET) : Optional.empty());
        Optional<DeviceClass> explicit = device.flatMap(Device::className).map(config.classes()::get);
        Optional<DeviceClass> deviceClass = explicit.isPresent() ? explicit
                : firstMatch(mac, model, vendor, device.isPresent(), option60, option77);
        return new Classification(model, source, vendor, device, deviceClass);
    }

    private Optional<DeviceClass> firstMatch(Mac mac, Optional<Model> model, Optional<Model.Vendor> vendor,
                                             boolean inInventory, Optional<byte[]> option60,
                                             Optional<byte[]> option77) {
        for (DeviceClass c : config.classes().values()) {
            if (ClassConditions.hold(c, mac, model, vendor, inInventory, option60, option77)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
