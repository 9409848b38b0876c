package org.phoneprov.httpd;

import java.util.Optional;
import java.util.function.Supplier;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;

/**
 * What the access checks read per request: the rules and the inventory of the current
 * config, so a reload (a new password, digest switched on) applies to the next request.
 */
interface AccessSource {
    HttpdSettings.Access access();

    Optional<Device> device(Mac mac);

    /** {@code gigaset.require_phone_mac}: a profile only to a request whose User-Agent names its MAC. */
    default boolean requirePhoneMac() {
        return false;
    }

    /** Inventory devices without an http_password: with digest on, their own files are refused. */
    default long devicesWithoutPassword() {
        return 0;
    }

    /** Every check off: the server as it was before access control. */
    AccessSource OPEN = new AccessSource() {
        @Override
        public HttpdSettings.Access access() {
            return HttpdSettings.Access.OFF;
        }

        @Override
        public Optional<Device> device(Mac mac) {
            return Optional.empty();
        }
    };

    static AccessSource of(Supplier<SuiteConfig> config) {
        return new AccessSource() {
            @Override
            public HttpdSettings.Access access() {
                return config.get().http().access();
            }

            @Override
            public Optional<Device> device(Mac mac) {
                return config.get().device(mac);
            }

            @Override
            public boolean requirePhoneMac() {
                return config.get().gigaset().requirePhoneMac();
            }

            @Override
            public long devicesWithoutPassword() {
                return config.get().devices().values().stream().filter(d -> d.http().isEmpty()).count();
            }
        };
    }
}
