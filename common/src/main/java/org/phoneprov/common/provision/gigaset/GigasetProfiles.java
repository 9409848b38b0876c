package org.phoneprov.common.provision.gigaset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.GigasetSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.crypto.ProfileCipher;
import org.phoneprov.common.provision.SuiteUrls;

/**
 * A device's profile as the suite serves it: rendered with its provider's name, and encrypted
 * with its provider's key when that provider has one. One place for both the inventory's
 * profiles (built with the snapshot) and those of activation codes (built when a code is used).
 */
public final class GigasetProfiles {
    private GigasetProfiles() {
    }

    /** The provider name the device's accounts show: its provider's, else the suite's name. */
    public static String providerName(Device d, SuiteConfig config) {
        return d.provider().flatMap(config.gigaset()::provider).map(GigasetSettings.Provider::name)
                .orElse(config.identity().name());
    }

    /** The plain profile. */
    public static byte[] plain(Device d, SuiteConfig config, SuiteUrls urls) {
        return GigasetProfile.render(d, urls, providerName(d, config));
    }

    /** Gigaset seed, "Security aspects": "encrypted with AES 128 using a Provider specific encryption key". */
    public static Optional<ProfileCipher> cipher(Device d, SuiteConfig config) {
        return d.provider().flatMap(config.gigaset()::provider).flatMap(GigasetSettings.Provider::profileKey)
                .map(ProfileCipher::forHexKey);
    }

    /** What keeps the device's lines out of a profile; empty when it can be written. */
    public static List<String> problems(Device d) {
        List<String> out = new ArrayList<>();
        for (Device.Line l : d.lines()) {
            for (String v : List.of(l.number(), l.authUser(), l.password(), l.displayName(), l.registrar(), l.proxy())) {
                Optional<String> why = GigasetProfile.unwritable(v);
                if (why.isPresent()) {
                    out.add(why.get());
                    break;
                }
            }
        }
        List<Integer> other = GigasetProfile.linesOnOtherServers(d);
        if (!other.isEmpty()) {
            out.add("an N720's profile has one SIP provider: lines " + other + " name another registrar or proxy "
                    + "than line 1");
        }
        return out;
    }
}
