package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/** One phone of the inventory. */
public record Device(
        Mac mac,
        Model model,
        Optional<String> className,
        Optional<InetAddress> address,
        List<Line> lines,
        Map<String, String> vars,
        Location at) {

    public Device {
        lines = List.copyOf(lines);
        vars = Map.copyOf(vars);
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
