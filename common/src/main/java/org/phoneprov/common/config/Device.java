package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * One phone of the inventory.
 *
 * @param encryptionKey its own {@code .ser} key (APS seed 6), instead of its model's
 * @param http          its own HTTP credentials, for per-device digest access
 * @param provider      a Gigaset's provider (under {@code gigaset.providers}): the name its
 *                      accounts show, and the key its profile is encrypted with
 */
public record Device(
        Mac mac,
        Model model,
        Optional<String> className,
        Optional<InetAddress> address,
        List<Line> lines,
        Map<String, String> vars,
        Optional<String> encryptionKey,
        Optional<HttpCredentials> http,
        Optional<String> provider,
        Location at) {

    public Device {
        lines = List.copyOf(lines);
        vars = Map.copyOf(vars);
    }

    /** Never print a key or a password: logs and events get this form. */
    @Override
    public String toString() {
        return "Device[mac=" + mac + ", model=" + model + ", class=" + className.orElse("-") + ", address="
                + address.map(InetAddress::getHostAddress).orElse("-") + ", lines=" + lines + ", encryptionKey="
                + (encryptionKey.isPresent() ? "***" : "-") + ", http=" + http.map(Object::toString).orElse("-")
                + ", provider=" + provider.orElse("-") + "]";
    }

    /** The user and password a phone answers an HTTP digest challenge with; the user defaults to its MAC. */
    public record HttpCredentials(String user, String password) {
        @Override
        public String toString() {
            return "HttpCredentials[user=" + user + ", password=***]";
        }
    }

    /** A SIP account of the phone. {@code proxy} defaults to the registrar. */
    public record Line(String number, String authUser, String password, String displayName,
                       String registrar, String proxy) {
        /** Never print a password: logs and events get this form. */
        @Override
        public String toString() {
            return "Line[number=" + number + ", authUser=" + authUser + ", password=***, displayName="
                    + displayName + ", registrar=" + registrar + ", proxy=" + proxy + "]";
        }
    }
}
