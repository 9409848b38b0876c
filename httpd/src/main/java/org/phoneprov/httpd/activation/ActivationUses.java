package org.phoneprov.httpd.activation;

import java.util.Optional;
import org.phoneprov.common.events.StoreException;

/** Where uses of activation codes are kept; {@link ActivationStore} (SQLite) and
 * {@link PgActivationStore} (PostgreSQL) are the real ones. */
public interface ActivationUses {
    /** Safe to call while another thread writes. */
    Optional<ActivationUse> find(String user);

    /** Every use this phone made, one per code; safe to call while another thread writes. */
    java.util.Collection<ActivationUse> usesBy(org.phoneprov.common.mac.Mac mac);

    /** Inserts or replaces the use of {@code u.user()}, atomically and durably. */
    void put(ActivationUse u) throws StoreException;

    /**
     * Stores {@code first} unless the code has a use already, atomically; that use, or empty when
     * {@code first} is now stored. Where one node alone writes (SQLite), the find-then-put here is
     * enough ({@link Activations} serialises); a store that several nodes share overrides it with
     * one statement, so two phones at two nodes cannot both win a one-shot code.
     */
    default Optional<ActivationUse> claim(ActivationUse first) throws StoreException {
        Optional<ActivationUse> before = find(first.user());
        if (before.isEmpty()) {
            put(first);
        }
        return before;
    }
}
