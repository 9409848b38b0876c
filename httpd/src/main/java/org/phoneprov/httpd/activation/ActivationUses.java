package org.phoneprov.httpd.activation;

import java.util.Optional;
import org.phoneprov.common.events.StoreException;

/** Where uses of activation codes are kept; {@link ActivationStore} is the real one (SQLite). */
public interface ActivationUses {
    /** Safe to call while another thread writes. */
    Optional<ActivationUse> find(String user);

    /** Every use this phone made, one per code; safe to call while another thread writes. */
    java.util.Collection<ActivationUse> usesBy(org.phoneprov.common.mac.Mac mac);

    /** Inserts or replaces the use of {@code u.user()}, atomically and durably. */
    void put(ActivationUse u) throws StoreException;
}
