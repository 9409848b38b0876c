package org.phoneprov.httpd.activation;

import java.util.Objects;
import org.phoneprov.common.mac.Mac;

/**
 * The record that a code was used: by which phone, when first and last (epoch ms), how often.
 * A one-shot code with a use is spent; a locked code is bound to {@link #mac()}.
 */
public record ActivationUse(String user, Mac mac, long firstAt, long lastAt, long uses) {
    public ActivationUse {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(mac, "mac");
    }

    ActivationUse again(long now) {
        return new ActivationUse(user, mac, firstAt, now, uses + 1);
    }
}
