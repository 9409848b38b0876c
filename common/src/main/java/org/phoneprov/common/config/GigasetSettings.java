package org.phoneprov.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Location;

/**
 * {@code gigaset:}, the provider side of the Gigaset seed: the provider accounts of the retail
 * redirect service and its XML-RPC API ("MAC based autoprovisioning for retail devices": "the
 * Provider or distributor needs an account to the Gigaset provisioning server (ID and
 * password)"), each provider's activation-code id and profile key ("Security aspects"), and the
 * activation codes of the inventory.
 *
 * @param providers by name, in the order written
 * @param codes     the inventory's activation codes, by what a phone sends as its digest user
 *                  (provider id + code)
 * @param wrongCodes how many wrong codes or API passwords pass from one address before the next blocks it
 * @param requirePhoneMac a profile goes only to a request whose User-Agent names the profile's
 *                        MAC (seed remark *1: "He can store the MAC address during the first
 *                        registration and allow for future registration only this MAC
 *                        address"); off, a client that names no MAC (a browser, curl) is served
 */
public record GigasetSettings(Map<String, Provider> providers, Map<String, ActivationCode> codes,
                              HttpdSettings.ProbeLimit wrongCodes, boolean requirePhoneMac) {
    /**
     * The tenth wrong code (or API password) from one address within a minute blocks it for five
     * minutes: nine pass ({@link HttpdSettings.ProbeLimit#notFound()} counts those that pass).
     */
    public static final HttpdSettings.ProbeLimit WRONG_CODES = new HttpdSettings.ProbeLimit(9, 60, 300, 10_000);
    public static final GigasetSettings NONE = new GigasetSettings(Map.of(), Map.of(), WRONG_CODES, false);

    public GigasetSettings {
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
    }

    public Optional<Provider> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /** The provider whose 3-character activation-code id this is. */
    public Optional<Provider> providerWithId(String id) {
        return providers.values().stream().filter(p -> p.id().map(id::equals).orElse(false)).findFirst();
    }

    /** The same settings with other activation codes (read after the providers, from the inventory). */
    GigasetSettings withCodes(Map<String, ActivationCode> other) {
        return new GigasetSettings(providers, other, wrongCodes, requirePhoneMac);
    }

    /**
     * One provider.
     *
     * @param name       the account name (the XML-RPC API's HTTP user) and the name its phones
     *                   show for their accounts (the profile's provider name)
     * @param id         the 3 characters its activation codes start with
     * @param password   the API account's password; without it the account cannot use the API
     * @param profileKey AES-128, 32 hex digits: its devices' profiles are served encrypted
     */
    public record Provider(String name, Optional<String> id, Optional<String> password, Optional<String> profileKey,
                           Location at) {
        /** Never print a password or a key. */
        @Override
        public String toString() {
            return "Provider[name=" + name + ", id=" + id.orElse("-") + ", password=" + (password.isPresent() ? "***"
                    : "-") + ", profileKey=" + (profileKey.isPresent() ? "***" : "-") + "]";
        }
    }
}
