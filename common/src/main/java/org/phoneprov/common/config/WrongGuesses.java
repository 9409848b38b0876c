package org.phoneprov.common.config;

import java.util.Optional;

/**
 * Reads {@code {max, per_seconds, block_seconds}}: how many wrong guesses of a secret (an
 * activation code, an API password or token) an address may make. The max-th wrong guess
 * within {@code per_seconds} blocks the address for {@code block_seconds}.
 */
public final class WrongGuesses {
    private WrongGuesses() {
    }

    /** @param defaults the limit without the key, as a {@link HttpdSettings.ProbeLimit} (max - 1 that pass) */
    public static HttpdSettings.ProbeLimit read(Optional<MapView> section, HttpdSettings.ProbeLimit defaults) {
        return section.map(w -> {
            w.allowOnly("max", "per_seconds", "block_seconds");
            // The max-th wrong guess blocks: a limit of max - 1 guesses that pass.
            return new HttpdSettings.ProbeLimit(w.integer("max", defaults.notFound() + 1, 1, 1_000_000) - 1,
                    w.integer("per_seconds", defaults.perSeconds(), 1, 86_400),
                    w.integer("block_seconds", defaults.blockSeconds(), 1, 86_400), defaults.maxClients());
        }).orElse(defaults);
    }
}
