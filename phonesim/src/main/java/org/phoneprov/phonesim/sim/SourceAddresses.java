package org.phoneprov.phonesim.sim;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which address a simulated phone sends from. The servers tell phones apart by source
 * address: tftpd's {@code max_per_client} (8 transfers at once per address by default),
 * httpd's {@code lease_binding} and probe limit, and the event log all count per address,
 * so a run where every phone shares one address measures the server's per-client limits,
 * not the phones.
 *
 * <ul>
 *   <li>{@link Kind#LEASED}: the lease is an address of this host (a loopback pool in
 *   127.0.0.0/8, or lease ranges routed {@code local} in a namespace): the phone sends from
 *   it, so dhcpd's lease, httpd's lease binding and the event log name the same address.</li>
 *   <li>{@link Kind#STAND_IN}, relay mode with the suite on this host only: the lease is
 *   not on this host (the relay serves a real subnet), so the phone sends from a loopback
 *   address of its own instead, {@code 127.b.c.d} for lease {@code a.b.c.d} — Linux treats
 *   all of 127.0.0.0/8 as local, so binding it needs no root, and reaches every address of
 *   this host from it. The servers then see the stand-in, not the lease.</li>
 *   <li>{@link Kind#SHARED}: neither is possible (a LAN namespace without local routes, the
 *   suite on another host, or a host where only 127.0.0.1 is local): the phone sends from
 *   whatever address the host picks, the same one for every phone. The LAN mode keeps
 *   this, as it always did.</li>
 * </ul>
 *
 * No sockets here: {@code local} says whether this host can send from an address.
 * Thread-safe; one phone keeps its choice for every run of the simulation.
 */
final class SourceAddresses {
    enum Kind { LEASED, STAND_IN, SHARED }

    /** @param from the address to bind; empty for "any" (the host picks, the same for all) */
    record Choice(InetAddress leased, Optional<InetAddress> from, Kind kind) {
    }

    /** How many phones (distinct leases) sent from which kind of address, and one example of each. */
    record Summary(Map<Kind, Integer> phones, Map<Kind, Choice> example) {
        int count(Kind k) {
            return phones.getOrDefault(k, 0);
        }
    }

    private static final int LOOPBACK_NET = 127 << 24;
    private static final int HOST_BITS = 0x00FF_FFFF;

    private final boolean standIns;
    private final Predicate<InetAddress> local;
    private final Set<InetAddress> reserved;
    private final Map<InetAddress, Choice> chosen = new LinkedHashMap<>();
    /** Stand-ins and leased loopback addresses in use: no two phones share one. */
    private final Set<InetAddress> taken = new HashSet<>();

    /**
     * @param standIns whether stand-ins may be used: relay mode with the suite on this host
     * @param local    whether this host can send from an address
     * @param reserved loopback addresses no phone may stand in at: the relay's, the servers'
     */
    SourceAddresses(boolean standIns, Predicate<InetAddress> local, Set<InetAddress> reserved) {
        this.standIns = standIns;
        this.local = local;
        this.reserved = Set.copyOf(reserved);
    }

    synchronized Choice choose(InetAddress leased) {
        Choice c = chosen.get(leased);
        if (c == null) {
            c = decide(leased);
            chosen.put(leased, c);
        }
        return c;
    }

    private Choice decide(InetAddress leased) {
        if (local.test(leased)) {
            taken.add(leased);
            return new Choice(leased, Optional.of(leased), Kind.LEASED);
        }
        if (standIns && leased instanceof Inet4Address) {
            Optional<InetAddress> s = standIn(leased).filter(local);
            if (s.isPresent()) {
                taken.add(s.get());
                return new Choice(leased, s, Kind.STAND_IN);
            }
        }
        return new Choice(leased, Optional.empty(), Kind.SHARED);
    }

    /**
     * {@code 127.b.c.d} for {@code a.b.c.d}, so an admin reading the event log can find
     * the lease; when that one is reserved, not a host address, or another phone's, the
     * next free one up (wrapping within 127.0.0.0/8).
     */
    Optional<InetAddress> standIn(InetAddress leased) {
        int host = toInt(leased) & HOST_BITS;
        for (int i = 0; i <= HOST_BITS; i++) {
            int h = (host + i) & HOST_BITS;
            if (h == 0 || h == HOST_BITS) {
                continue; // 127.0.0.0 and 127.255.255.255 are not host addresses
            }
            InetAddress a = fromInt(LOOPBACK_NET | h);
            if (!reserved.contains(a) && !taken.contains(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    synchronized Summary summary() {
        Map<Kind, Integer> phones = new HashMap<>();
        Map<Kind, Choice> example = new HashMap<>();
        for (Choice c : chosen.values()) {
            phones.merge(c.kind(), 1, Integer::sum);
            example.putIfAbsent(c.kind(), c);
        }
        return new Summary(Map.copyOf(phones), Map.copyOf(example));
    }

    private static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private static InetAddress fromInt(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {
                (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
