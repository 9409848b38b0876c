package org.phoneprov.httpd.redirect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.phoneprov.common.mac.Mac;

/**
 * A store's registrations in memory, by MAC: what the redirect's lookups read, so they never touch
 * the disk or the database, nor wait for a write. Safe to read while another thread changes it.
 * Both stores (SQLite, PostgreSQL) are built on it and add only how they write.
 */
abstract class RegistrationCopy implements Registrations {
    private final Map<Mac, Registration> byMac = new ConcurrentHashMap<>();

    RegistrationCopy(Collection<Registration> rows) {
        rows.forEach(this::keep);
    }

    @Override
    public final Optional<Registration> find(Mac mac) {
        return Optional.ofNullable(byMac.get(mac));
    }

    /** Every registration, by MAC. */
    public final List<Registration> all() {
        List<Registration> out = new ArrayList<>(byMac.values());
        out.sort(Comparator.comparing(Registration::mac));
        return out;
    }

    final void keep(Registration r) {
        byMac.put(r.mac(), r);
    }

    final void forget(Mac mac) {
        byMac.remove(mac);
    }

    /** Exactly {@code rows} from now on; a lookup meanwhile sees the old row or the new one. */
    final void replace(Collection<Registration> rows) {
        rows.forEach(this::keep);
        Set<Mac> now = rows.stream().map(Registration::mac).collect(Collectors.toSet());
        byMac.keySet().retainAll(now);
    }
}
