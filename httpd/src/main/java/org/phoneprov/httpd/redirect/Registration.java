package org.phoneprov.httpd.redirect;

import java.util.Objects;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.mac.MacId;

/**
 * One retail phone the redirect service sends elsewhere: its MAC-ID (the check part only when the
 * provider gave one), the URL it is sent to, the provider account that registered it, the profile
 * name that account gave in {@code autoprov.registerDevice}, and when (epoch ms).
 */
public record Registration(MacId macId, String url, String provider, String profile, long createdAt, long updatedAt) {
    public Registration {
        Objects.requireNonNull(macId, "macId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(profile, "profile");
    }

    public Mac mac() {
        return macId.mac();
    }
}
