package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phoneprov.common.mac.Mac;

/** Never one address to two MACs: random operations against an independent model. */
class AllocatorInvariantTest {
    static final String NET = "10.77.0.0/24";
    static final long OFFER_HOLD = 30_000;
    static final long DECLINE_HOLD = 120_000;
    static final int FIXED_IN = Ip4.parse("10.77.0.12");
    static final int FIXED_OUT = Ip4.parse("10.77.0.3");
    static final Mac OWNER_IN = Mac.of(0xAA01);
    static final Mac OWNER_OUT = Mac.of(0xAA02);

    enum Kind { OFFER, LEASE, DECLINED }

    record Holder(Mac mac, long until, Kind kind) {
    }

    /** What the model says each address is held for; independent of the allocator's structures. */
    static final class Model {
        final Map<Integer, Holder> held = new HashMap<>();
        long now;

        Holder live(int address) {
            Holder h = held.get(address);
            return h != null && h.until > now ? h : null;
        }

        OptionalInt addressOf(Mac mac) {
            return held.entrySet().stream()
                    .filter(e -> e.getValue().mac.equals(mac) && e.getValue().kind != Kind.DECLINED)
                    .mapToInt(Map.Entry::getKey).findFirst();
        }

        void grant(int address, Mac mac, Kind kind, long until, String what) {
            Holder h = live(address);
            if (h != null && (h.kind == Kind.DECLINED || !h.mac.equals(mac))) {
                fail(what + ": " + Ip4.toString(address) + " given to " + mac + " while held by " + h);
            }
            if ((address == FIXED_IN && !mac.equals(OWNER_IN)) || (address == FIXED_OUT && !mac.equals(OWNER_OUT))) {
                fail(what + ": fixed address " + Ip4.toString(address) + " given to " + mac);
            }
            if (kind == Kind.OFFER && h != null && h.kind == Kind.LEASE) {
                return; // offering a client its own lease leaves the lease as it is
            }
            held.values().removeIf(x -> x.kind != Kind.DECLINED && x.mac.equals(mac)); // a MAC holds one address
            held.put(address, new Holder(mac, until, kind));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void randomOperationsNeverGiveOneAddressToTwoMacs(long seed) {
        Random rnd = new Random(seed);
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        Allocator alloc = new Allocator(
                List.of(SubnetPools.of(NET, List.of(Pool.of("10.77.0.10", "10.77.0.17")))),
                Map.of(OWNER_IN, FIXED_IN, OWNER_OUT, FIXED_OUT), OFFER_HOLD, DECLINE_HOLD, clock);
        Model model = new Model();
        List<Mac> macs = new ArrayList<>(List.of(OWNER_IN, OWNER_OUT));
        for (int i = 0; i < 14; i++) {
            macs.add(Mac.of(0x00147F000000L + i));
        }
        int acks = 0;
        int exhausted = 0;
        for (int step = 0; step < 20_000; step++) {
            Mac mac = macs.get(rnd.nextInt(macs.size()));
            int someAddress = Ip4.parse("10.77.0.0") + rnd.nextInt(22);
            model.now = clock.millis();
            switch (rnd.nextInt(8)) {
                case 0, 1 -> {
                    OptionalInt req = rnd.nextBoolean() ? OptionalInt.of(someAddress) : OptionalInt.empty();
                    Offer o = alloc.offer(NET, mac, req);
                    if (o instanceof Offer.Address a) {
                        model.grant(a.address(), mac, Kind.OFFER, clock.millis() + OFFER_HOLD, "offer");
                    } else {
                        exhausted++;
                    }
                }
                case 2, 3 -> {
                    OptionalInt mine = model.addressOf(mac);
                    int address = mine.isPresent() && rnd.nextInt(4) > 0 ? mine.getAsInt() : someAddress;
                    long leaseMillis = 10_000 + rnd.nextInt(120_000);
                    Decision d = alloc.request(NET, mac, address, leaseMillis, "");
                    if (d instanceof Decision.Ack ack) {
                        acks++;
                        assertEquals(address, ack.lease().address());
                        model.grant(address, mac, Kind.LEASE, ack.lease().expiresAt(), "ack");
                    } else {
                        assertInstanceOf(Decision.Nak.class, d);
                    }
                }
                case 4 -> {
                    Optional<Lease> r = alloc.release(mac, someAddress);
                    Holder h = model.live(someAddress);
                    assertEquals(h != null && h.kind == Kind.LEASE && h.mac.equals(mac), r.isPresent(), "release");
                    r.ifPresent(l -> model.held.remove(someAddress));
                }
                case 5 -> {
                    Optional<Lease> d = alloc.decline(mac, someAddress);
                    Holder h = model.live(someAddress);
                    assertEquals(h != null && h.kind != Kind.DECLINED && h.mac.equals(mac), d.isPresent(), "decline");
                    d.ifPresent(l -> model.held.put(someAddress, new Holder(mac, l.expiresAt(), Kind.DECLINED)));
                }
                case 6 -> {
                    for (Lease l : alloc.expireDue()) {
                        assertTrue(l.expiresAt() <= clock.millis());
                        assertEquals(LeaseState.EXPIRED, l.state());
                    }
                }
                default -> clock.advance(rnd.nextInt(20_000));
            }
            alloc.verify();
        }
        assertTrue(acks > 1000 && exhausted > 100, "the run exercised leases (" + acks + ") and exhaustion ("
                + exhausted + ")");
    }

    @Test
    void sixtyThousandAddressPoolGivesFiftyThousandDistinctAddresses() {
        int first = Ip4.parse("10.0.0.1");
        Pool pool = new Pool(first, first + 59_999);
        Allocator alloc = new Allocator(List.of(SubnetPools.of("10.0.0.0/16", List.of(pool))), Map.of(),
                OFFER_HOLD, DECLINE_HOLD, new MutableClock(0));
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            Mac mac = Mac.of(0x020000000000L + i);
            Offer.Address a = assertInstanceOf(Offer.Address.class, alloc.offer("10.0.0.0/16", mac, OptionalInt.empty()));
            assertInstanceOf(Decision.Ack.class, alloc.request("10.0.0.0/16", mac, a.address(), 3_600_000, ""));
            assertTrue(pool.contains(a.address()));
            assertTrue(given.add(a.address()), "given twice: " + Ip4.toString(a.address()));
        }
        assertEquals(new Stats.Subnet("10.0.0.0/16", 60_000, 50_000, 0, 0, 10_000), alloc.stats().subnets().get(0));
    }

    @Test
    void poolsLargerThanSixtyFiveThousandWorkAcrossSeveralPools() {
        Pool big = Pool.of("10.0.0.0", "10.1.255.255"); // 131,072 addresses
        Pool small = Pool.of("10.2.0.0", "10.2.0.1");
        Allocator alloc = new Allocator(List.of(SubnetPools.of("10.0.0.0/14", List.of(small, big))), Map.of(),
                OFFER_HOLD, DECLINE_HOLD, new MutableClock(0));
        assertEquals(new Offer.Address(small.first()), alloc.offer("10.0.0.0/14", Mac.of(1), OptionalInt.empty()));
        assertEquals(new Offer.Address(small.last()), alloc.offer("10.0.0.0/14", Mac.of(2), OptionalInt.empty()));
        assertEquals(new Offer.Address(big.first()), alloc.offer("10.0.0.0/14", Mac.of(3), OptionalInt.empty()));
        int high = Ip4.parse("10.1.255.255");
        assertEquals(new Offer.Address(high), alloc.offer("10.0.0.0/14", Mac.of(4), OptionalInt.of(high)));
        assertEquals(131_074 - 4, alloc.stats().subnets().get(0).free());
    }
}
