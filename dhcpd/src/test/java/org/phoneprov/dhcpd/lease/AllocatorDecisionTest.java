package org.phoneprov.dhcpd.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.DECLINE_HOLD;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.FIXED_IN;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.FIXED_OUT;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.HOUR;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.NET;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.OFFER_HOLD;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.addr;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.ip;
import static org.phoneprov.dhcpd.lease.AllocatorOfferTest.mac;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;

/** request, release, decline, expiry, leaseOf, stats and load. */
class AllocatorDecisionTest {
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final Allocator alloc = AllocatorOfferTest.allocator(clock);

    Decision request(Mac m, String address) {
        return alloc.request(NET, m, ip(address), HOUR, "st2030");
    }

    String nakReason(Decision d) {
        return assertInstanceOf(Decision.Nak.class, d).reason();
    }

    @AfterEach
    void indexStaysConsistent() {
        alloc.verify();
    }

    @Test
    void ackCarriesTheLeaseToCommit() {
        alloc.offer(NET, mac(1), OptionalInt.empty());
        Lease l = assertInstanceOf(Decision.Ack.class, request(mac(1), "10.77.0.10")).lease();
        assertEquals(new Lease(ip("10.77.0.10"), mac(1), "st2030", clock.millis() + HOUR, LeaseState.ACTIVE,
                clock.millis()), l);
        assertEquals(Optional.of(l), alloc.leaseOf(mac(1)));
    }

    @Test
    void renewalExtendsTheLease() {
        request(mac(1), "10.77.0.10");
        clock.advance(HOUR / 2);
        Lease renewed = assertInstanceOf(Decision.Ack.class, request(mac(1), "10.77.0.10")).lease();
        assertEquals(clock.millis() + HOUR, renewed.expiresAt());
        clock.advance(HOUR / 2 + 1);
        assertEquals(List.of(), alloc.expireDue(), "the first expiry no longer applies");
        assertTrue(alloc.leaseOf(mac(1)).isPresent());
    }

    @Test
    void requestWithoutOfferIsAckedWhenFree() {
        // INIT-REBOOT after a server restart that lost nothing durable
        assertInstanceOf(Decision.Ack.class, request(mac(1), "10.77.0.14"));
    }

    @Test
    void unknownSubnetIsIgnored() {
        assertInstanceOf(Decision.Ignore.class, alloc.request("nope", mac(1), ip("10.77.0.10"), HOUR, ""));
    }

    @Test
    void naksWhatRfc2131Naks() {
        assertTrue(nakReason(request(mac(1), "10.78.0.10")).contains("not on subnet"));
        request(mac(2), "10.77.0.11");
        assertTrue(nakReason(request(mac(1), "10.77.0.11")).contains("leased to another"));
        alloc.offer(NET, mac(3), OptionalInt.of(ip("10.77.0.12")));
        assertTrue(nakReason(request(mac(1), "10.77.0.12")).contains("offered to another"));
        assertTrue(nakReason(request(mac(1), "10.77.0.100")).contains("not in a pool"));
        assertTrue(nakReason(request(mac(1), "10.77.0.15")).contains("reserved"));
        assertTrue(nakReason(request(mac(1), "10.77.0.5")).contains("reserved"));
        alloc.decline(mac(2), ip("10.77.0.11"));
        assertTrue(nakReason(request(mac(2), "10.77.0.11")).contains("declined"));
    }

    @Test
    void fixedMacAskingForAnotherAddressIsNaked() {
        assertTrue(nakReason(request(FIXED_IN, "10.77.0.10")).contains("fixed address 10.77.0.15"));
        assertTrue(nakReason(request(FIXED_OUT, "10.77.0.10")).contains("fixed address 10.77.0.5"));
        assertInstanceOf(Decision.Ack.class, request(FIXED_OUT, "10.77.0.5"));
        assertInstanceOf(Decision.Ack.class, request(FIXED_IN, "10.77.0.15"));
    }

    @Test
    void movingToAnotherFreeAddressDropsTheOldOne() {
        request(mac(1), "10.77.0.10");
        assertInstanceOf(Decision.Ack.class, request(mac(1), "10.77.0.11"));
        assertEquals(ip("10.77.0.11"), alloc.leaseOf(mac(1)).orElseThrow().address());
        assertEquals(addr("10.77.0.10"), alloc.offer(NET, mac(2), OptionalInt.empty()));
    }

    @Test
    void onlyTheOwnerReleases() {
        request(mac(1), "10.77.0.10");
        assertEquals(Optional.empty(), alloc.release(mac(2), ip("10.77.0.10")));
        assertEquals(Optional.empty(), alloc.release(mac(1), ip("10.77.0.11")));
        Lease released = alloc.release(mac(1), ip("10.77.0.10")).orElseThrow();
        assertEquals(LeaseState.RELEASED, released.state());
        assertEquals(mac(1), released.mac());
        assertEquals(Optional.empty(), alloc.leaseOf(mac(1)));
        assertEquals(Optional.empty(), alloc.release(mac(1), ip("10.77.0.10")), "only once");
    }

    @Test
    void declineSetsTheAddressAsideForTheHold() {
        alloc.offer(NET, mac(1), OptionalInt.empty());
        request(mac(1), "10.77.0.10");
        assertEquals(Optional.empty(), alloc.decline(mac(2), ip("10.77.0.10")), "not the holder");
        Lease d = alloc.decline(mac(1), ip("10.77.0.10")).orElseThrow();
        assertEquals(LeaseState.DECLINED, d.state());
        assertEquals(clock.millis() + DECLINE_HOLD, d.expiresAt());
        assertEquals(Optional.empty(), alloc.leaseOf(mac(1)));
        assertEquals(addr("10.77.0.11"), alloc.offer(NET, mac(1), OptionalInt.of(ip("10.77.0.10"))));
        assertEquals(1, alloc.stats().subnets().get(0).declined());
        clock.advance(DECLINE_HOLD);
        assertEquals(addr("10.77.0.10"), alloc.offer(NET, mac(3), OptionalInt.empty()));
    }

    @Test
    void aDeclinedFixedAddressLeavesItsOwnerToThePool() {
        alloc.offer(NET, FIXED_IN, OptionalInt.empty());
        assertTrue(alloc.decline(FIXED_IN, ip("10.77.0.15")).isPresent());
        assertEquals(addr("10.77.0.10"), alloc.offer(NET, FIXED_IN, OptionalInt.empty()));
        assertInstanceOf(Decision.Ack.class, request(FIXED_IN, "10.77.0.10"));
        clock.advance(DECLINE_HOLD);
        assertEquals(addr("10.77.0.15"), alloc.offer(NET, FIXED_IN, OptionalInt.empty()));
        assertNotEquals(addr("10.77.0.15"), alloc.offer(NET, mac(9), OptionalInt.of(ip("10.77.0.15"))));
    }

    @Test
    void expireDueReturnsEachExpiredLeaseOnce() {
        request(mac(1), "10.77.0.10");
        alloc.offer(NET, mac(2), OptionalInt.empty());
        clock.advance(HOUR - 1);
        assertEquals(List.of(), alloc.expireDue());
        clock.advance(1);
        List<Lease> expired = alloc.expireDue();
        assertEquals(1, expired.size());
        assertEquals(LeaseState.EXPIRED, expired.get(0).state());
        assertEquals(mac(1), expired.get(0).mac());
        assertEquals(List.of(), alloc.expireDue());
        assertEquals(Optional.empty(), alloc.leaseOf(mac(1)));
    }

    @Test
    void expiredLeasesFreedDuringAnOfferAreStillReported() {
        request(mac(1), "10.77.0.10");
        clock.advance(HOUR);
        assertEquals(addr("10.77.0.10"), alloc.offer(NET, mac(2), OptionalInt.empty()));
        assertEquals(1, alloc.expireDue().size());
    }

    @Test
    void statsCountPerSubnet() {
        request(mac(1), "10.77.0.10");
        request(FIXED_OUT, "10.77.0.5");
        alloc.offer(NET, mac(2), OptionalInt.empty());
        request(mac(3), "10.77.0.12");
        alloc.decline(mac(3), ip("10.77.0.12"));
        Stats.Subnet s = alloc.stats().subnets().get(0);
        // pool .10-.19: .10 leased, .11 offered, .12 declined, .15 fixed
        assertEquals(new Stats.Subnet(NET, 10, 2, 1, 1, 6), s);
        assertEquals(new Stats.Subnet("10.88.0.0/24", 2, 0, 0, 0, 2), alloc.stats().subnets().get(1));
    }

    @Test
    void loadRestoresTheIndex() {
        long now = clock.millis();
        alloc.load(List.of(
                new Lease(ip("10.77.0.10"), mac(1), "a", now + HOUR, LeaseState.ACTIVE, now - 10),
                new Lease(ip("10.77.0.11"), mac(2), "", now - 1, LeaseState.ACTIVE, now - 20),
                new Lease(ip("10.77.0.12"), mac(3), "", now + 1000, LeaseState.DECLINED, now - 30),
                new Lease(ip("10.77.0.13"), mac(4), "", now - 5000, LeaseState.RELEASED, now - 40),
                new Lease(ip("10.77.0.15"), mac(5), "", now + HOUR, LeaseState.ACTIVE, now - 50),
                new Lease(ip("192.0.2.1"), mac(6), "", now + HOUR, LeaseState.ACTIVE, now - 60)));
        assertEquals(ip("10.77.0.10"), alloc.leaseOf(mac(1)).orElseThrow().address());
        assertEquals("a", alloc.leaseOf(mac(1)).orElseThrow().clientClass());
        assertEquals(Optional.empty(), alloc.leaseOf(mac(2)), "expired while we were down");
        assertEquals(Optional.empty(), alloc.leaseOf(mac(5)), "the inventory's fixed address wins");
        assertTrue(nakReason(request(mac(7), "10.77.0.12")).contains("declined"));
        assertEquals(addr("10.77.0.13"), alloc.offer(NET, mac(4), OptionalInt.empty()), "sticky");
        assertEquals(addr("10.77.0.11"), alloc.offer(NET, mac(2), OptionalInt.empty()), "sticky");
        assertEquals(addr("10.77.0.14"), alloc.offer(NET, mac(8), OptionalInt.empty()));
        clock.advance(1000);
        assertEquals(addr("10.77.0.12"), alloc.offer(NET, mac(9), OptionalInt.empty()), "decline hold over");
    }

    @Test
    void loadKeepsTheNewestRowPerMac() {
        long now = clock.millis();
        alloc.load(List.of(
                new Lease(ip("10.77.0.11"), mac(1), "", now + HOUR, LeaseState.ACTIVE, now - 5),
                new Lease(ip("10.77.0.10"), mac(1), "", now + HOUR, LeaseState.ACTIVE, now - 50)));
        assertEquals(ip("10.77.0.11"), alloc.leaseOf(mac(1)).orElseThrow().address());
        assertEquals(addr("10.77.0.10"), alloc.offer(NET, mac(2), OptionalInt.empty()));
    }

    @Test
    void rejectsNonPositiveLeaseTime() {
        assertThrows(IllegalArgumentException.class, () -> alloc.request(NET, mac(1), ip("10.77.0.10"), 0, ""));
    }
}
