package org.phoneprov.common.config;

import org.phoneprov.common.config.yaml.Location;

/** One config error: where, which key, and what the admin should change. */
public record Problem(Location at, String key, String message) {
    /** {@code FILE:LINE:COL: key: message}, the line {@code phoneprov check} prints. */
    @Override
    public String toString() {
        return at + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + message;
    }
}
