package org.phoneprov.httpd;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.HttpdSettings;

/**
 * Who may open a connection: at most {@code max_per_client} from one address and
 * {@code max_connections} in all, across both listeners.
 *
 * <p>One address over its cap is refused: it is the one pressing, and a phone never needs
 * more than one or two connections at once. At the total cap, the connection that has
 * waited longest without a request in progress is closed for the newcomer; only when
 * every one is busy sending a response is the newcomer refused. Refusing there instead
 * would let whoever filled the table from a few addresses (each under its own cap) keep
 * phones out for as long as they reconnect, while closing a waiting connection costs a
 * legitimate client at most a reconnect (a phone between two requests), and one that is
 * sending a response is never touched. Phones send their request head in their first
 * packet, so their connections are almost never the ones that waited longest.
 *
 * <p>Per connection, not per request: {@link #admit} and {@link #release} take one lock,
 * and only an admission at the total cap scans the table (bounded by the cap).
 *
 * @param <C> the connection (a Channel in the server, anything in tests)
 */
final class ConnectionLimits<C> {

    /** A connection in the table, with the clock that says whether and since when it waits. */
    static final class Entry<C> {
        final C connection;
        final InetAddress client;
        final RequestClock clock;
        /** Chosen to make room; not counted, not chosen again. Guarded by the table's lock. */
        boolean leaving;

        Entry(C connection, InetAddress client, RequestClock clock) {
            this.connection = connection;
            this.client = client;
            this.clock = clock;
        }
    }

    sealed interface Admission<C> permits Admitted, Refused {
    }

    /** In; when {@code makeRoom} is present, that connection is to be closed for it. */
    record Admitted<C>(Entry<C> entry, Optional<Entry<C>> makeRoom) implements Admission<C> {
    }

    /** Out, and why: {@code open} of {@code max} were held (by this address for PER_CLIENT). */
    record Refused<C>(Cap cap, int open, int max) implements Admission<C> {
    }

    enum Cap { PER_CLIENT, TOTAL }

    private final Set<Entry<C>> entries = new HashSet<>();
    private final Map<InetAddress, int[]> perClient = new HashMap<>();
    private int open;

    /**
     * @param client the peer's address, or null when it has none (then only the total applies)
     * @param clock  the new connection's clock, read later when choosing whom to close
     */
    synchronized Admission<C> admit(C connection, InetAddress client, RequestClock clock,
                                    HttpdSettings.Limits limits) {
        int[] mine = client == null ? null : perClient.get(client);
        if (mine != null && mine[0] >= limits.maxPerClient()) {
            return new Refused<>(Cap.PER_CLIENT, mine[0], limits.maxPerClient());
        }
        Optional<Entry<C>> room = Optional.empty();
        if (open >= limits.maxConnections()) {
            room = longestWaiting();
            if (room.isEmpty()) {
                return new Refused<>(Cap.TOTAL, open, limits.maxConnections());
            }
            room.get().leaving = true;
            open--;
        }
        Entry<C> e = new Entry<>(connection, client, clock);
        entries.add(e);
        open++;
        if (client != null) {
            perClient.computeIfAbsent(client, a -> new int[1])[0]++;
        }
        return new Admitted<>(e, room);
    }

    /**
     * The connection chosen to make room turned busy before it could be closed: it stays,
     * counted again (the table is over its cap by one until a connection closes).
     */
    synchronized void spare(Entry<C> e) {
        if (e.leaving && entries.contains(e)) {
            e.leaving = false;
            open++;
        }
    }

    /** The connection closed. Idempotent. */
    synchronized void release(Entry<C> e) {
        if (!entries.remove(e)) {
            return;
        }
        if (!e.leaving) {
            open--;
        }
        if (e.client != null) {
            int[] n = perClient.get(e.client);
            if (n != null && --n[0] <= 0) {
                perClient.remove(e.client);
            }
        }
    }

    /** Connections counted against the total (those chosen to make room are not). */
    synchronized int open() {
        return open;
    }

    synchronized int open(InetAddress client) {
        int[] n = perClient.get(client);
        return n == null ? 0 : n[0];
    }

    private Optional<Entry<C>> longestWaiting() {
        Entry<C> best = null;
        long since = RequestClock.BUSY;
        for (Entry<C> e : entries) {
            long w = e.clock.waitingSince();
            if (!e.leaving && w != RequestClock.BUSY && (best == null || w - since < 0)) {
                best = e;
                since = w;
            }
        }
        return Optional.ofNullable(best);
    }
}
