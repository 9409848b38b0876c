package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;

class AllocatorOfferTest {
    static final String NET = "10.77.0.0/24";
    static final long OFFER_HOLD = 30_000;
    static final long DECLINE_HOLD = 3_600_000;
    static final long HOUR = 3_600_000;
    /** Fixed outside the pool. */
    static final Mac FIXED_OUT = Mac.of(0xF1);
    /** Fixed inside the pool (10.77.0.15). */
    static final Mac FIXED_IN = Mac.of(0xF2);

    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final Allocator alloc = allocator(clock);

    static Allocator allocator(MutableClock clock) {
        SubnetPools net = SubnetPools.of(NET, List.of(Pool.of("10.77.0.10", "10.77.0.19")));
        SubnetPools other = SubnetPools.of("10.88.0.0/24", List.of(Pool.of("10.88.0.10", "10.88.0.11")));
        return new Allocator(List.of(net, other), Map.of(FIXED_OUT, ip("10.77.0.5"), FIXED_IN, ip("10.77.0.15")),
                OFFER_HOLD, DECLINE_HOLD, clock);
    }

    static int ip(String s) {
        return Ip4.parse(s);
    }

    static Mac mac(int n) {
        return Mac.of(0x00147F000000L + n);
    }

    static Offer.Address addr(String s) {
        return new Offer.Address(ip(s));
    }

    Offer offer(Mac m) {
        return alloc.offer(NET, m, OptionalInt.empty());
    }

    void lease(Mac m, String address) {
        assertInstanceOf(Decision.Ack.class, alloc.request(NET, m, ip(address), HOUR, "phone"));
    }

    @AfterEach
    void indexStaysConsistent() {
        alloc.verify();
    }

    @Test
    void givesTheLowestFreeAddress() {
        assertEquals(addr("10.77.0.10"), offer(mac(1)));
        assertEquals(addr("10.77.0.11"), offer(mac(2)));
        assertEquals(addr("10.77.0.12"), offer(mac(3)));
    }

    @Test
    void unknownSubnet() {
        assertEquals(new Offer.NoSubnet(), alloc.offer("192.0.2.0/24", mac(1), OptionalInt.empty()));
    }

    @Test
    void fixedAddressComesFirstEvenOutsideThePools() {
        assertEquals(addr("10.77.0.5"), alloc.offer(NET, FIXED_OUT, OptionalInt.of(ip("10.77.0.12"))));
        assertEquals(addr("10.77.0.15"), alloc.offer(NET, FIXED_IN, OptionalInt.of(ip("10.77.0.12"))));
    }

    @Test
    void fixedAddressInAnotherSubnetFallsBackToThePool() {
        assertEquals(addr("10.88.0.10"), alloc.offer("10.88.0.0/24", FIXED_OUT, OptionalInt.empty()));
    }

    @Test
    void fixedAddressIsNeverOfferedToOthers() {
        for (int i = 0; i < 9; i++) {
            Offer o = alloc.offer(NET, mac(i), OptionalInt.of(ip("10.77.0.15")));
            assertNotEquals(addr("10.77.0.15"), o);
            assertNotEquals(addr("10.77.0.5"), o);
        }
        assertEquals(new Offer.Exhausted(), offer(mac(100))); // 10 addresses, one of them fixed
        assertEquals(addr("10.77.0.15"), offer(FIXED_IN));
    }

    @Test
    void currentOfferComesBackAndItsHoldIsRenewed() {
        assertEquals(addr("10.77.0.10"), offer(mac(1)));
        clock.advance(OFFER_HOLD - 1);
        assertEquals(addr("10.77.0.10"), alloc.offer(NET, mac(1), OptionalInt.of(ip("10.77.0.18"))));
        clock.advance(OFFER_HOLD - 1);
        assertEquals(addr("10.77.0.11"), offer(mac(2)), "the renewed hold still protects .10");
    }

    @Test
    void currentLeaseComesBack() {
        lease(mac(1), "10.77.0.17");
        assertEquals(addr("10.77.0.17"), alloc.offer(NET, mac(1), OptionalInt.of(ip("10.77.0.12"))));
        assertEquals(1, alloc.stats().subnets().get(0).active(), "the lease stays a lease");
        assertEquals(0, alloc.stats().subnets().get(0).offered());
    }

    @Test
    void requestedAddressWhenFreeAndInAPool() {
        assertEquals(addr("10.77.0.18"), alloc.offer(NET, mac(1), OptionalInt.of(ip("10.77.0.18"))));
        assertEquals(addr("10.77.0.10"), alloc.offer(NET, mac(2), OptionalInt.of(ip("10.77.0.18"))), "taken");
        assertEquals(addr("10.77.0.11"), alloc.offer(NET, mac(3), OptionalInt.of(ip("10.77.0.100"))), "no pool");
        assertEquals(addr("10.77.0.12"), alloc.offer(NET, mac(4), OptionalInt.of(ip("10.1.1.1"))), "off-net");
    }

    @Test
    void stickyAfterRelease() {
        lease(mac(1), "10.77.0.13");
        assertEquals(ip("10.77.0.13"), alloc.release(mac(1), ip("10.77.0.13")).orElseThrow().address());
        assertEquals(addr("10.77.0.10"), offer(mac(2)));
        assertEquals(addr("10.77.0.13"), offer(mac(1)));
    }

    @Test
    void stickyAfterExpiry() {
        lease(mac(1), "10.77.0.13");
        clock.advance(HOUR);
        assertEquals(1, alloc.expireDue().size());
        assertEquals(addr("10.77.0.13"), offer(mac(1)));
    }

    @Test
    void requestedBeatsSticky() {
        lease(mac(1), "10.77.0.13");
        alloc.release(mac(1), ip("10.77.0.13"));
        assertEquals(addr("10.77.0.16"), alloc.offer(NET, mac(1), OptionalInt.of(ip("10.77.0.16"))));
    }

    @Test
    void stickyAddressTakenMeansLowestFree() {
        lease(mac(1), "10.77.0.10");
        alloc.release(mac(1), ip("10.77.0.10"));
        lease(mac(2), "10.77.0.10");
        assertEquals(addr("10.77.0.11"), offer(mac(1)));
    }

    @Test
    void offersExpireAfterTheHold() {
        assertEquals(addr("10.77.0.10"), offer(mac(1)));
        clock.advance(OFFER_HOLD - 1);
        assertEquals(addr("10.77.0.11"), offer(mac(2)));
        clock.advance(1);
        assertEquals(addr("10.77.0.10"), offer(mac(3)), ".10's hold ended");
        assertEquals(List.of(), alloc.expireDue(), "offers are never stored, so nothing to commit");
    }

    @Test
    void exhaustionRecoversAfterReleaseAndExpiry() {
        for (int i = 0; i < 9; i++) {
            Offer.Address a = assertInstanceOf(Offer.Address.class, offer(mac(i)));
            lease(mac(i), Ip4.toString(a.address()));
        }
        assertEquals(new Offer.Exhausted(), offer(mac(50)));
        alloc.release(mac(3), ip("10.77.0.13"));
        assertEquals(addr("10.77.0.13"), offer(mac(50)));
        assertEquals(new Offer.Exhausted(), offer(mac(51)));
        clock.advance(HOUR);
        assertEquals(8, alloc.expireDue().size(), "eight leases ran out");
        assertEquals(addr("10.77.0.10"), offer(mac(51)));
    }

    @Test
    void rejectsBadConfiguration() {
        SubnetPools a = SubnetPools.of("10.0.0.0/16", List.of());
        SubnetPools b = SubnetPools.of("10.0.5.0/24", List.of());
        assertThrows(IllegalArgumentException.class,
                () -> new Allocator(List.of(a, b), Map.of(), OFFER_HOLD, DECLINE_HOLD, clock));
        assertThrows(IllegalArgumentException.class, () -> new Allocator(List.of(a),
                Map.of(mac(1), ip("10.0.0.5"), mac(2), ip("10.0.0.5")), OFFER_HOLD, DECLINE_HOLD, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new Allocator(List.of(a), Map.of(), 0, DECLINE_HOLD, clock));
    }
}
