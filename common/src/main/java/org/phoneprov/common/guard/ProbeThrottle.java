package org.phoneprov.common.guard;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import org.phoneprov.common.config.HttpdSettings.ProbeLimit;

/**
 * Blocks a client address that collects too many 404s: someone walking MAC addresses to
 * find a config. The count runs in a fixed window from the address's first 404; one 404
 * more than the limit blocks the address for {@code block_seconds}, during which every
 * request from it is refused. The table holds at most {@code max_clients} addresses, the
 * least recently seen forgotten first, so a scan from many addresses costs bounded memory
 * (and can at worst make us forget an idle blocked address early). The same count serves
 * for wrong guesses of secrets: Gigaset activation codes and API passwords (httpd), API
 * tokens (apid).
 *
 * <p>Every request of a client with the limit on passes here once, from any worker, so
 * the methods are synchronized; the critical sections are a hash lookup.
 */
public final class ProbeThrottle {

    private static final class Entry {
        long windowStart;
        int count;
        long blockedUntil;
    }

    /** In access order: iteration starts at the address seen least recently. */
    private final LinkedHashMap<InetAddress, Entry> table = new LinkedHashMap<>(64, 0.75f, true);

    /** @return the milliseconds the address stays blocked, or 0 when it is not blocked */
    public synchronized long blockedFor(InetAddress client, long nowMillis) {
        Entry e = table.get(client);
        if (e == null || e.blockedUntil == 0) {
            return 0;
        }
        if (nowMillis >= e.blockedUntil) {
            table.remove(client); // served its time: starts over clean
            return 0;
        }
        return e.blockedUntil - nowMillis;
    }

    /**
     * Counts a 404 for the address.
     *
     * @return how many 404s it collected when this one blocked it, or 0 when it did not
     */
    public synchronized int notFound(InetAddress client, long nowMillis, ProbeLimit limit) {
        Entry e = table.get(client);
        if (e == null) {
            evictTo(limit.maxClients() - 1);
            e = new Entry();
            e.windowStart = nowMillis;
            table.put(client, e);
        }
        if (e.blockedUntil != 0) {
            return 0; // a request that was already in flight when the block began
        }
        if (nowMillis - e.windowStart >= limit.perSeconds() * 1000L) {
            e.windowStart = nowMillis;
            e.count = 0;
        }
        e.count++;
        if (e.count <= limit.notFound()) {
            return 0;
        }
        e.blockedUntil = nowMillis + limit.blockSeconds() * 1000L;
        return e.count;
    }

    public synchronized int size() {
        return table.size();
    }

    private void evictTo(int max) {
        var it = table.entrySet().iterator();
        while (table.size() > Math.max(0, max) && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
