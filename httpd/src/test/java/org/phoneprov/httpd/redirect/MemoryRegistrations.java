package org.phoneprov.httpd.redirect;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;

/** Registrations in a map, counting writes; {@link #failing} makes every call fail as a broken disk would. */
final class MemoryRegistrations implements Registrations {
    final Map<Mac, Registration> rows = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    volatile boolean failing;

    @Override
    public Optional<Registration> find(Mac mac) throws StoreException {
        fail();
        return Optional.ofNullable(rows.get(mac));
    }

    @Override
    public void put(Registration r) throws StoreException {
        fail();
        writes.incrementAndGet();
        rows.put(r.mac(), r);
    }

    @Override
    public boolean remove(Mac mac) throws StoreException {
        fail();
        writes.incrementAndGet();
        return rows.remove(mac) != null;
    }

    private void fail() throws StoreException {
        if (failing) {
            throw new StoreException("redirect database /state/gigaset-redirect.db: disk I/O error", null);
        }
    }
}
