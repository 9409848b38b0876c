package org.phoneprov.phonesim.aps;

import java.util.Optional;
import org.phoneprov.phonesim.phone.PhoneSettings;
import org.phoneprov.phonesim.phone.PhoneState;

/**
 * The {@code Autoprovision*} parameters in effect (seed 2.3): what the config files last
 * set, else what the phone was set up with. A blank value or {@code 0.0.0.0} is "not
 * configured".
 */
public record Preconfigured(Optional<String> httpServer, Optional<String> tftpServer, Optional<String> configName) {
    public static final Preconfigured NOTHING = new Preconfigured(Optional.empty(), Optional.empty(), Optional.empty());

    public static Preconfigured of(PhoneSettings settings, PhoneState state) {
        return new Preconfigured(
                pick(state.setting(PhoneState.HTTP_SERVER), settings.httpServer()),
                pick(state.setting(PhoneState.TFTP_SERVER), settings.tftpServer()),
                pick(state.setting(PhoneState.CONFIG_NAME), settings.configName()));
    }

    private static Optional<String> pick(Optional<String> fromFiles, Optional<String> fromSetup) {
        Optional<String> f = fromFiles.map(String::strip);
        return f.isPresent() ? f.filter(Preconfigured::configured) : fromSetup.map(String::strip).filter(Preconfigured::configured);
    }

    private static boolean configured(String v) {
        return !v.isEmpty() && !v.equals("0.0.0.0");
    }
}
