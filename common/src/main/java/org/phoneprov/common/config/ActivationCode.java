package org.phoneprov.common.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * A customer record reached by an activation code instead of a MAC (Gigaset seed, "Activation
 * Code based approach": "Codes are linked to customer record and sent to customer. Provide access
 * when code entered"). The code string "can include up to 32 characters. The string contains the
 * provider identification (3 chars fix), the activation code and an optional password, separated
 * by a #" ({@code 12387426549864#0815}: provider {@code 123}, code {@code 87426549864}, password
 * {@code 0815}).
 *
 * @param user     provider id + code, what the phone sends as its HTTP digest user
 * @param password the part after '#', its digest password; empty when the code has none
 * @param lock     whether the code works once, or keeps working for the phone that used it first
 * @param provider the provider whose id the code starts with
 */
public record ActivationCode(String user, String password, Lock lock, String provider, Model model,
                             List<Device.Line> lines, Map<String, String> vars, Location at) {

    /** The seed's variants: "locked or non locked (One Shot)". */
    public enum Lock {
        /** Works once: after the first profile is served the code is spent. */
        ONE_SHOT,
        /** Bound to the first phone that used it; that phone keeps getting its profile, no other does. */
        LOCKED
    }

    public ActivationCode {
        lines = List.copyOf(lines);
        vars = Map.copyOf(vars);
    }

    /** The customer record as the device that used the code: its lines on the phone's MAC. */
    public Device forPhone(Mac mac) {
        return new Device(mac, model, Optional.empty(), Optional.empty(), lines, vars, Optional.empty(),
                Optional.empty(), Optional.of(provider), at);
    }

    /** Never print the password. */
    @Override
    public String toString() {
        return "ActivationCode[user=" + user + ", password=" + (password.isEmpty() ? "-" : "***") + ", lock=" + lock
                + ", provider=" + provider + ", model=" + model + ", lines=" + lines + "]";
    }
}
