package org.phoneprov.httpd.redirect;

import java.util.Optional;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;

/**
 * Where registrations are kept, one per MAC. {@link RegistrationStore} is the real one (SQLite);
 * {@link RedirectRegistry} makes all the decisions and serialises the writes, so an
 * implementation only has to keep what it is given. {@link #find} must be safe to call while
 * another thread writes: the redirect looks phones up without the registry's lock.
 */
public interface Registrations {
    Optional<Registration> find(Mac mac) throws StoreException;

    /** Inserts or replaces the registration of {@code r.mac()}, atomically and durably. */
    void put(Registration r) throws StoreException;

    /** Removes the registration of {@code mac}; false when there was none. */
    boolean remove(Mac mac) throws StoreException;
}
