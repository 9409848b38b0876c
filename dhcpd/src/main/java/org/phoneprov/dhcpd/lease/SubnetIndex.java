package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.phoneprov.common.mac.Mac;

/**
 * The in-memory state of one subnet: bindings by address, each MAC's current and most recent
 * address, the pool bitmaps and the expiry order. Mechanics only; {@link Allocator} decides.
 * Every pool address that has a binding or is some MAC's fixed address has its bit taken.
 */
final class SubnetIndex {
    private final SubnetPools config;
    private final List<PoolBitmap> bitmaps = new ArrayList<>();
    private final Map<Integer, Mac> fixedOwners = new HashMap<>();
    private final Map<Mac, Integer> fixedByMac = new HashMap<>();
    private final Map<Integer, Binding> byAddress = new HashMap<>();
    private final Map<Mac, Integer> current = new HashMap<>();
    private final Map<Mac, Integer> recent = new HashMap<>();
    private final TreeSet<Binding> byExpiry = new TreeSet<>(Binding.BY_EXPIRY);
    private final Map<Binding.Hold, Integer> counts = new EnumMap<>(Binding.Hold.class);

    SubnetIndex(SubnetPools config, Map<Mac, Integer> fixed) {
        this.config = config;
        for (Pool p : config.pools()) {
            bitmaps.add(new PoolBitmap(p));
        }
        for (Binding.Hold h : Binding.Hold.values()) {
            counts.put(h, 0);
        }
        fixed.forEach((mac, address) -> {
            if (config.contains(address)) {
                fixedOwners.put(address, mac);
                fixedByMac.put(mac, address);
                PoolBitmap bm = bitmapOf(address);
                if (bm != null) {
                    bm.take(address);
                }
            }
        });
    }

    SubnetPools config() {
        return config;
    }

    String id() {
        return config.id();
    }

    boolean contains(int address) {
        return config.contains(address);
    }

    java.util.Collection<Binding> bindings() {
        return byAddress.values();
    }

    Binding at(int address) {
        return byAddress.get(address);
    }

    /** The MAC whose fixed address this is, or null. */
    Mac fixedOwner(int address) {
        return fixedOwners.get(address);
    }

    /** The MAC's fixed address in this subnet, unless it is set aside after a decline. */
    OptionalInt usableFixed(Mac mac) {
        Integer a = fixedByMac.get(mac);
        if (a == null) {
            return OptionalInt.empty();
        }
        Binding b = byAddress.get(a);
        return b != null && b.hold() == Binding.Hold.DECLINED ? OptionalInt.empty() : OptionalInt.of(a);
    }

    /** The MAC's offered or leased address, or null. */
    Binding currentOf(Mac mac) {
        Integer a = current.get(mac);
        return a == null ? null : byAddress.get(a);
    }

    Integer recentOf(Mac mac) {
        return recent.get(mac);
    }

    void remember(Mac mac, int address) {
        recent.put(mac, address);
    }

    void forget(Mac mac, int address) {
        recent.remove(mac, address);
    }

    boolean inPool(int address) {
        return bitmapOf(address) != null;
    }

    /** In a pool, not bound, not anybody's fixed address. */
    boolean isFreePoolAddress(int address) {
        PoolBitmap bm = bitmapOf(address);
        return bm != null && !bm.isTaken(address);
    }

    OptionalInt lowestFree() {
        for (PoolBitmap bm : bitmaps) {
            OptionalInt a = bm.lowestFree();
            if (a.isPresent()) {
                return a;
            }
        }
        return OptionalInt.empty();
    }

    /** Binds a free address (the caller unbinds first). */
    void bind(Binding b) {
        Binding old = byAddress.putIfAbsent(b.address(), b);
        if (old != null) {
            throw new IllegalStateException(Ip4.toString(b.address()) + " is already bound to " + old.mac());
        }
        if (b.hold() != Binding.Hold.DECLINED) {
            current.put(b.mac(), b.address());
        }
        PoolBitmap bm = bitmapOf(b.address());
        if (bm != null) {
            bm.take(b.address());
        }
        byExpiry.add(b);
        counts.merge(b.hold(), 1, Integer::sum);
    }

    /** Removes the binding of the address, if any, and frees it unless it is a fixed address. */
    Binding unbind(int address) {
        Binding b = byAddress.remove(address);
        if (b == null) {
            return null;
        }
        current.remove(b.mac(), address);
        byExpiry.remove(b);
        counts.merge(b.hold(), -1, Integer::sum);
        PoolBitmap bm = bitmapOf(address);
        if (bm != null && !fixedOwners.containsKey(address)) {
            bm.free(address);
        }
        return b;
    }

    /** Frees everything due at {@code now}; expired leases go to {@code expired} as EXPIRED rows. */
    void sweep(long now, List<Lease> expired) {
        while (!byExpiry.isEmpty() && byExpiry.first().expiresAt() <= now) {
            Binding b = byExpiry.first();
            unbind(b.address());
            if (b.hold() == Binding.Hold.LEASED) {
                remember(b.mac(), b.address());
                expired.add(b.toLease(LeaseState.EXPIRED, b.expiresAt(), now));
            }
        }
    }

    Stats.Subnet stats() {
        long free = 0;
        for (PoolBitmap bm : bitmaps) {
            free += bm.freeCount();
        }
        return new Stats.Subnet(config.id(), config.size(), counts.get(Binding.Hold.LEASED),
                counts.get(Binding.Hold.OFFERED), counts.get(Binding.Hold.DECLINED), free);
    }

    private PoolBitmap bitmapOf(int address) {
        for (PoolBitmap bm : bitmaps) {
            if (bm.contains(address)) {
                return bm;
            }
        }
        return null;
    }

    /** Checks every internal invariant; for tests. Throws IllegalStateException naming the first break. */
    void verify() {
        Map<Binding.Hold, Integer> seen = new EnumMap<>(Binding.Hold.class);
        for (Map.Entry<Integer, Binding> e : byAddress.entrySet()) {
            Binding b = e.getValue();
            check(e.getKey() == b.address(), "binding filed under the wrong address " + b);
            check(byExpiry.contains(b), "binding missing from the expiry order " + b);
            check(config.contains(b.address()), "binding outside the subnet " + b);
            PoolBitmap bm = bitmapOf(b.address());
            check(bm == null || bm.isTaken(b.address()), "bound address not taken in its pool " + b);
            Mac owner = fixedOwners.get(b.address());
            check(owner == null || owner.equals(b.mac()) || b.hold() == Binding.Hold.DECLINED,
                    "fixed address bound to another MAC " + b);
            seen.merge(b.hold(), 1, Integer::sum);
        }
        check(byExpiry.size() == byAddress.size(), "expiry order holds stale bindings");
        for (Binding.Hold h : Binding.Hold.values()) {
            check(seen.getOrDefault(h, 0).equals(counts.get(h)), "counter of " + h + " is off");
        }
        current.forEach((mac, a) -> {
            Binding b = byAddress.get(a);
            check(b != null && b.mac().equals(mac) && b.hold() != Binding.Hold.DECLINED,
                    "current address of " + mac + " is not bound to it: " + Ip4.toString(a));
        });
        for (PoolBitmap bm : bitmaps) {
            int taken = 0;
            Pool p = bm.pool();
            for (int i = 0; i < p.size(); i++) {
                int a = p.first() + i;
                boolean shouldBeTaken = byAddress.containsKey(a) || fixedOwners.containsKey(a);
                check(bm.isTaken(a) == shouldBeTaken, "bit of " + Ip4.toString(a) + " disagrees with the bindings");
                taken += shouldBeTaken ? 1 : 0;
            }
            check(taken == bm.takenCount(), "taken count of pool " + p + " is off");
            OptionalInt lowest = OptionalInt.empty();
            for (int i = 0; i < p.size() && lowest.isEmpty(); i++) {
                lowest = bm.isTaken(p.first() + i) ? lowest : OptionalInt.of(p.first() + i);
            }
            check(bm.lowestFree().equals(lowest), "cursor of pool " + p + " skips a free address");
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("subnet index broken: " + what);
        }
    }
}
