package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.phoneprov.common.mac.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory lease index and every allocation decision; no I/O. The caller commits the
 * leases it returns to a {@link LeaseStore} and answers the client only once they are durable.
 *
 * <p><b>Single-threaded by contract:</b> called only from the dhcpd event loop; it does not lock.
 *
 * <p>The invariant it keeps: an address is bound (offered, leased or declined) to at most one
 * MAC, and a MAC's fixed address is never offered or leased to any other MAC.
 * Time comes from the injected clock; whatever is due is freed at the start of every call.
 */
public final class Allocator {
    private static final Logger LOG = LoggerFactory.getLogger(Allocator.class);

    private final Map<String, SubnetIndex> subnets = new LinkedHashMap<>();
    private final long offerHoldMillis;
    private final long declineHoldMillis;
    private final Clock clock;
    private final List<Lease> expiredToCommit = new ArrayList<>();

    /**
     * @param subnets           the subnets served; they must not overlap and ids must be unique
     * @param fixed             inventory fixed addresses; one MAC per address
     * @param offerHoldMillis   how long an offered address is kept for its client
     * @param declineHoldMillis how long a declined address is set aside
     * @param clock             source of "now"
     */
    public Allocator(List<SubnetPools> subnets, Map<Mac, Integer> fixed, long offerHoldMillis,
                     long declineHoldMillis, Clock clock) {
        if (offerHoldMillis <= 0 || declineHoldMillis <= 0) {
            throw new IllegalArgumentException("offer and decline holds must be positive, got "
                    + offerHoldMillis + " and " + declineHoldMillis + " ms");
        }
        this.offerHoldMillis = offerHoldMillis;
        this.declineHoldMillis = declineHoldMillis;
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<Integer, Mac> fixedOwners = new HashMap<>();
        fixed.forEach((mac, address) -> {
            Mac other = fixedOwners.putIfAbsent(address, mac);
            if (other != null) {
                throw new IllegalArgumentException("fixed address " + Ip4.toString(address) + " is given to both "
                        + other + " and " + mac);
            }
        });
        for (SubnetPools s : subnets) {
            for (SubnetIndex other : this.subnets.values()) {
                if (other.config().overlaps(s) || other.id().equals(s.id())) {
                    throw new IllegalArgumentException("subnets " + other.id() + " and " + s.id() + " overlap");
                }
            }
            this.subnets.put(s.id(), new SubnetIndex(s, fixed));
        }
    }

    /** Fills the index from stored rows (once, at start). Rows that no longer fit the config are logged and skipped. */
    public void load(List<Lease> leases) {
        long now = clock.millis();
        List<Lease> ordered = new ArrayList<>(leases);
        ordered.sort(Comparator.comparingLong(Lease::updatedAt));
        for (Lease l : ordered) {
            SubnetIndex s = subnetOf(l.address());
            if (s == null) {
                LOG.warn("lease.load.no_subnet address={} mac={}: no configured subnet holds it; ignored",
                        Ip4.toString(l.address()), l.mac());
                continue;
            }
            boolean live = l.expiresAt() > now;
            switch (l.state()) {
                case ACTIVE -> {
                    if (!live) {
                        s.remember(l.mac(), l.address());
                        continue;
                    }
                    Mac owner = s.fixedOwner(l.address());
                    if (owner != null && !owner.equals(l.mac())) {
                        LOG.warn("lease.load.fixed_conflict address={} mac={} fixed_for={}: the inventory wins;"
                                + " the lease will not be renewed", Ip4.toString(l.address()), l.mac(), owner);
                        continue;
                    }
                    s.unbind(l.address()); // rows are per address, but a later row always wins
                    replaceWith(s, new Binding(l.address(), l.mac(), Binding.Hold.LEASED, l.expiresAt(),
                            l.clientClass(), l.updatedAt()));
                }
                case DECLINED -> {
                    if (live) {
                        s.unbind(l.address());
                        s.bind(new Binding(l.address(), l.mac(), Binding.Hold.DECLINED, l.expiresAt(),
                                l.clientClass(), l.updatedAt()));
                    }
                }
                case RELEASED, EXPIRED -> s.remember(l.mac(), l.address());
            }
        }
        sweep(now);
    }

    /**
     * Chooses an address for a DHCPDISCOVER and holds it for the client for the offer hold.
     * In order: the MAC's fixed address (if inside this subnet, even outside the pools); its
     * current lease or offer in the subnet (a lease is left as it is); the requested address if
     * it is a free pool address; the MAC's last released or expired address if still free; the
     * lowest free pool address; else {@link Offer.Exhausted}.
     */
    public Offer offer(String subnetId, Mac mac, OptionalInt requested) {
        long now = sweep(clock.millis());
        SubnetIndex s = subnets.get(subnetId);
        if (s == null) {
            return new Offer.NoSubnet();
        }
        OptionalInt fixed = s.usableFixed(mac);
        if (fixed.isPresent()) {
            return hold(s, fixed.getAsInt(), mac, now);
        }
        Binding mine = s.currentOf(mac);
        if (mine != null) {
            return hold(s, mine.address(), mac, now);
        }
        if (requested.isPresent() && s.isFreePoolAddress(requested.getAsInt())) {
            return hold(s, requested.getAsInt(), mac, now);
        }
        Integer sticky = s.recentOf(mac);
        if (sticky != null && s.isFreePoolAddress(sticky)) {
            return hold(s, sticky, mac, now);
        }
        OptionalInt lowest = s.lowestFree();
        if (lowest.isEmpty()) {
            return new Offer.Exhausted();
        }
        return hold(s, lowest.getAsInt(), mac, now);
    }

    /**
     * Answers a DHCPREQUEST for {@code requestedAddress} (RFC 2131 section 4.3.2): NAK when the
     * address is not on the subnet, is held by another MAC, is another MAC's fixed address, is
     * declined, or is not in a pool; NAK a fixed-address MAC asking for anything but its fixed
     * address; IGNORE an unknown subnet. An ACK updates the index at once (a client moving to a
     * new address gives up its old one); commit its lease, then send the DHCPACK.
     */
    public Decision request(String subnetId, Mac mac, int requestedAddress, long leaseMillis, String clientClass) {
        if (leaseMillis <= 0) {
            throw new IllegalArgumentException("lease time must be positive, got " + leaseMillis + " ms");
        }
        long now = sweep(clock.millis());
        SubnetIndex s = subnets.get(subnetId);
        if (s == null) {
            return new Decision.Ignore("no subnet " + subnetId + " is served");
        }
        String ip = Ip4.toString(requestedAddress);
        if (!s.contains(requestedAddress)) {
            return new Decision.Nak(ip + " is not on subnet " + s.id());
        }
        OptionalInt fixed = s.usableFixed(mac);
        if (fixed.isPresent() && fixed.getAsInt() != requestedAddress) {
            return new Decision.Nak(mac + " has fixed address " + Ip4.toString(fixed.getAsInt()) + ", not " + ip);
        }
        Mac owner = s.fixedOwner(requestedAddress);
        if (owner != null && !owner.equals(mac)) {
            return new Decision.Nak(ip + " is reserved for another client");
        }
        Binding b = s.at(requestedAddress);
        if (b != null && b.hold() == Binding.Hold.DECLINED) {
            return new Decision.Nak(ip + " was declined and is set aside");
        }
        if (b != null && !b.mac().equals(mac)) {
            return new Decision.Nak(ip + " is " + (b.hold() == Binding.Hold.LEASED ? "leased" : "offered")
                    + " to another client");
        }
        if (b == null && owner == null && !s.inPool(requestedAddress)) {
            return new Decision.Nak(ip + " is not in a pool of subnet " + s.id());
        }
        Binding leased = new Binding(requestedAddress, mac, Binding.Hold.LEASED, now + leaseMillis,
                clientClass == null ? "" : clientClass, now);
        replaceWith(s, leased);
        return new Decision.Ack(leased.toLease(LeaseState.ACTIVE, leased.expiresAt(), now));
    }

    /** DHCPRELEASE: frees the address if {@code mac} holds its lease; returns the RELEASED row to commit. */
    public Optional<Lease> release(Mac mac, int address) {
        long now = sweep(clock.millis());
        SubnetIndex s = subnetOf(address);
        Binding b = s == null ? null : s.at(address);
        if (b == null || b.hold() != Binding.Hold.LEASED || !b.mac().equals(mac)) {
            return Optional.empty();
        }
        s.unbind(address);
        s.remember(mac, address);
        return Optional.of(b.toLease(LeaseState.RELEASED, now, now));
    }

    /**
     * DHCPDECLINE: if {@code mac} holds the address (offered or leased), sets it aside for the
     * decline hold; returns the DECLINED row to commit. Only the holder may decline, so a
     * spoofed DECLINE cannot take addresses out of the pool.
     */
    public Optional<Lease> decline(Mac mac, int address) {
        long now = sweep(clock.millis());
        SubnetIndex s = subnetOf(address);
        Binding b = s == null ? null : s.at(address);
        if (b == null || b.hold() == Binding.Hold.DECLINED || !b.mac().equals(mac)) {
            return Optional.empty();
        }
        s.unbind(address);
        s.forget(mac, address);
        Binding declined = new Binding(address, mac, Binding.Hold.DECLINED, now + declineHoldMillis,
                b.clientClass(), now);
        s.bind(declined);
        return Optional.of(declined.toLease(LeaseState.DECLINED, declined.expiresAt(), now));
    }

    /**
     * A lease another node decided (an HA partner's lease update), taken into this index so
     * this node never offers that address to anyone else. ACTIVE: refused if the address is
     * leased here to another client and unexpired ({@link Applied.Conflict}), an offer of ours
     * gives way; RELEASED or EXPIRED: freed if that client still holds it here; DECLINED: set
     * aside. A row older than what is held for the address changes nothing.
     */
    public Applied apply(Lease remote) {
        long now = sweep(clock.millis());
        SubnetIndex s = subnetOf(remote.address());
        if (s == null) {
            return new Applied.Unknown();
        }
        Binding here = s.at(remote.address());
        if (here != null && here.hold() != Binding.Hold.OFFERED && here.updatedAt() > remote.updatedAt()) {
            return new Applied.Stale();
        }
        switch (remote.state()) {
            case ACTIVE -> {
                if (remote.expiresAt() <= now) {
                    return apply(new Lease(remote.address(), remote.mac(), remote.clientClass(), remote.expiresAt(),
                            LeaseState.EXPIRED, remote.updatedAt()));
                }
                if (here != null && !here.mac().equals(remote.mac()) && here.hold() == Binding.Hold.LEASED) {
                    return new Applied.Conflict(here.toLease(LeaseState.ACTIVE, here.expiresAt(), here.updatedAt()));
                }
                Mac owner = s.fixedOwner(remote.address());
                if (owner != null && !owner.equals(remote.mac())) {
                    return new Applied.Conflict(new Lease(remote.address(), owner, "", Long.MAX_VALUE,
                            LeaseState.ACTIVE, now));
                }
                s.unbind(remote.address()); // an offer of ours, or a declined hold, gives way
                replaceWith(s, new Binding(remote.address(), remote.mac(), Binding.Hold.LEASED, remote.expiresAt(),
                        remote.clientClass(), remote.updatedAt()));
            }
            case DECLINED -> {
                if (here != null && !here.mac().equals(remote.mac()) && here.hold() == Binding.Hold.LEASED) {
                    return new Applied.Conflict(here.toLease(LeaseState.ACTIVE, here.expiresAt(), here.updatedAt()));
                }
                s.unbind(remote.address());
                s.forget(remote.mac(), remote.address());
                s.bind(new Binding(remote.address(), remote.mac(), Binding.Hold.DECLINED, remote.expiresAt(),
                        remote.clientClass(), remote.updatedAt()));
            }
            case RELEASED, EXPIRED -> {
                // An EXPIRED row frees only what has expired here too: the client may have renewed.
                boolean live = here != null && here.hold() == Binding.Hold.LEASED && here.expiresAt() > now;
                if (here != null && here.mac().equals(remote.mac())
                        && (remote.state() == LeaseState.RELEASED || !live)) {
                    s.unbind(remote.address());
                }
                s.remember(remote.mac(), remote.address());
            }
        }
        return new Applied.Taken();
    }

    /**
     * Takes back what this node just decided for {@code lease} (an ACK the partner or the
     * shared database refused): the address is no longer the client's here.
     */
    public void revoke(Lease lease) {
        sweep(clock.millis());
        SubnetIndex s = subnetOf(lease.address());
        Binding here = s == null ? null : s.at(lease.address());
        if (here != null && here.mac().equals(lease.mac())) {
            s.unbind(lease.address());
        }
    }

    /** Whether {@code address} is {@code mac}'s fixed address from the inventory. */
    public boolean isFixed(Mac mac, int address) {
        SubnetIndex s = subnetOf(address);
        return s != null && mac.equals(s.fixedOwner(address));
    }

    /** Every unexpired lease and declined hold, as rows: what an HA partner fetches when it syncs. */
    public List<Lease> snapshot() {
        long now = sweep(clock.millis());
        List<Lease> out = new ArrayList<>();
        for (SubnetIndex s : subnets.values()) {
            for (Binding b : s.bindings()) {
                if (b.hold() == Binding.Hold.LEASED) {
                    out.add(b.toLease(LeaseState.ACTIVE, b.expiresAt(), b.updatedAt()));
                } else if (b.hold() == Binding.Hold.DECLINED) {
                    out.add(b.toLease(LeaseState.DECLINED, b.expiresAt(), b.updatedAt()));
                }
            }
        }
        return out;
    }

    /** The MAC's unexpired lease, in the first subnet (in config order) where it has one. */
    public Optional<Lease> leaseOf(Mac mac) {
        long now = sweep(clock.millis());
        for (SubnetIndex s : subnets.values()) {
            Binding b = s.currentOf(mac);
            if (b != null && b.hold() == Binding.Hold.LEASED) {
                return Optional.of(b.toLease(LeaseState.ACTIVE, b.expiresAt(), now));
            }
        }
        return Optional.empty();
    }

    /** Frees every lease past its expiry; returns them (each once) as EXPIRED rows to commit. */
    public List<Lease> expireDue() {
        sweep(clock.millis());
        List<Lease> out = List.copyOf(expiredToCommit);
        expiredToCommit.clear();
        return out;
    }

    public Stats stats() {
        sweep(clock.millis());
        return new Stats(subnets.values().stream().map(SubnetIndex::stats).toList());
    }

    /** Checks every internal invariant; for tests. */
    void verify() {
        subnets.values().forEach(SubnetIndex::verify);
    }

    private Offer hold(SubnetIndex s, int address, Mac mac, long now) {
        Binding b = s.at(address);
        if (b != null && b.hold() == Binding.Hold.LEASED) {
            return new Offer.Address(address); // already the MAC's lease: keep it as it is
        }
        replaceWith(s, new Binding(address, mac, Binding.Hold.OFFERED, now + offerHoldMillis, "", now));
        return new Offer.Address(address);
    }

    /** Binds {@code b}, dropping what the address and the MAC held before in this subnet. */
    private static void replaceWith(SubnetIndex s, Binding b) {
        Binding old = s.at(b.address());
        if (old != null && !old.mac().equals(b.mac()) && old.hold() != Binding.Hold.DECLINED) {
            throw new IllegalStateException(Ip4.toString(b.address()) + " is held by " + old.mac()
                    + "; refusing to give it to " + b.mac());
        }
        s.unbind(b.address());
        Binding mine = s.currentOf(b.mac());
        if (mine != null) {
            s.unbind(mine.address());
        }
        s.bind(b);
    }

    private SubnetIndex subnetOf(int address) {
        for (SubnetIndex s : subnets.values()) {
            if (s.contains(address)) {
                return s;
            }
        }
        return null;
    }

    private long sweep(long now) {
        for (SubnetIndex s : subnets.values()) {
            s.sweep(now, expiredToCommit);
        }
        return now;
    }
}
