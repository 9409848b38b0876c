package org.phoneprov.phonesim.gigaset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.common.provision.SuiteUrls;
import org.phoneprov.common.provision.gigaset.GigasetProfile;

/** Profiles as the suite renders them (common's GigasetProfile), for tests. */
final class Profiles {
    static final Mac MAC = Mac.parse("7C:2F:80:77:06:01").orElseThrow();
    static final SuiteUrls URLS = new SuiteUrls("http://10.77.0.1/", "10.77.0.1", "10.77.0.1", "10.77.0.1");
    static final Device.Line ALICE = new Device.Line("1601", "1601", "gs-1601", "Lab 1601", "10.77.0.1", "10.77.0.1");
    static final Device.Line BOB = new Device.Line("1602", "auth-1602", "gs-1602", "Bob", "pbx.lab:5070",
            "proxy.lab:5080");

    private Profiles() {
    }

    static Device device(Model model, Mac mac, List<Device.Line> lines) {
        return new Device(mac, model, Optional.empty(), Optional.empty(), lines, Map.of(), Optional.empty(),
                Optional.empty(), Optional.of("acme"), new Location(Path.of("devices.yaml"), 1, 1));
    }

    static byte[] render(Model model, Device.Line... lines) {
        return GigasetProfile.render(device(model, MAC, List.of(lines)), URLS, "acme");
    }

    static ProfileXml.Profile parsed(byte[] xml) {
        ProfileXml.Read r = ProfileXml.parse(xml);
        if (r instanceof ProfileXml.Unreadable u) {
            throw new AssertionError(u.why());
        }
        return (ProfileXml.Profile) r;
    }
}
