package org.phoneprov.httpd.activation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.phoneprov.common.mac.Mac;

/**
 * A store's uses of activation codes in memory, by code and by the phone that made them (a later
 * check looks its MAC up per request, on the event loop). Safe to read while another thread
 * changes it. Both stores (SQLite, PostgreSQL) are built on it and add only how they write.
 */
abstract class ActivationCopy implements ActivationUses {
    private final Map<String, ActivationUse> byCode = new ConcurrentHashMap<>();
    private final Map<Mac, Map<String, ActivationUse>> byMac = new ConcurrentHashMap<>();

    ActivationCopy(Collection<ActivationUse> rows) {
        rows.forEach(this::keep);
    }

    @Override
    public final Optional<ActivationUse> find(String user) {
        return Optional.ofNullable(byCode.get(user));
    }

    @Override
    public final Collection<ActivationUse> usesBy(Mac mac) {
        Map<String, ActivationUse> m = byMac.get(mac);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    final void keep(ActivationUse u) {
        ActivationUse before = byCode.put(u.user(), u);
        if (before != null && !before.mac().equals(u.mac())) {
            unindex(before); // only an admin's edit moves a use to another phone
        }
        byMac.computeIfAbsent(u.mac(), k -> new ConcurrentHashMap<>()).put(u.user(), u);
    }

    final void forget(String user) {
        ActivationUse gone = byCode.remove(user);
        if (gone != null) {
            unindex(gone);
        }
    }

    /** Exactly {@code rows} from now on. */
    final void replace(Collection<ActivationUse> rows) {
        rows.forEach(this::keep);
        java.util.Set<String> now = new java.util.HashSet<>();
        rows.forEach(u -> now.add(u.user()));
        for (String user : List.copyOf(byCode.keySet())) {
            if (!now.contains(user)) {
                forget(user);
            }
        }
    }

    private void unindex(ActivationUse u) {
        Map<String, ActivationUse> m = byMac.get(u.mac());
        if (m != null) {
            m.remove(u.user());
        }
    }
}
