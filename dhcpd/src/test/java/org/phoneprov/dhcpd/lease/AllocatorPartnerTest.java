package org.phoneprov.dhcpd.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;

/** What an HA partner's leases do to this node's allocator ({@link Allocator#apply}, {@link Allocator#revoke}). */
class AllocatorPartnerTest {
    static final String NET = AllocatorOfferTest.NET;
    static final long HOUR = AllocatorOfferTest.HOUR;
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final Allocator alloc = AllocatorOfferTest.allocator(clock);

    @AfterEach
    void indexStaysConsistent() {
        alloc.verify();
    }

    static int ip(String s) {
        return AllocatorOfferTest.ip(s);
    }

    static Mac mac(int n) {
        return AllocatorOfferTest.mac(n);
    }

    Lease partner(String address, Mac m, LeaseState state, long updatedOffset) {
        long now = clock.millis();
        return new Lease(ip(address), m, "", now + HOUR, state, now + updatedOffset);
    }

    @Test
    void aPartnersLeaseIsNeverOfferedToAnotherClientHere() {
        assertInstanceOf(Applied.Taken.class, alloc.apply(partner("10.77.0.10", mac(1), LeaseState.ACTIVE, 0)));
        Offer o = alloc.offer(NET, mac(2), OptionalInt.of(ip("10.77.0.10")));
        assertNotEquals(new Offer.Address(ip("10.77.0.10")), o, "the requested address is the partner's client's");
        assertEquals(Offer.Address.class, o.getClass());
        assertInstanceOf(Decision.Nak.class, alloc.request(NET, mac(2), ip("10.77.0.10"), HOUR, ""));
        assertInstanceOf(Decision.Ack.class, alloc.request(NET, mac(1), ip("10.77.0.10"), HOUR, ""),
                "the client itself renews here after a failover");
    }

    @Test
    void anAddressLeasedHereToAnotherClientIsAConflictAndStaysOurs() {
        assertInstanceOf(Decision.Ack.class, alloc.request(NET, mac(1), ip("10.77.0.11"), HOUR, ""));
        Applied.Conflict c = assertInstanceOf(Applied.Conflict.class,
                alloc.apply(partner("10.77.0.11", mac(2), LeaseState.ACTIVE, 1)));
        assertEquals(mac(1), c.ours().mac());
        assertEquals(mac(1), alloc.leaseOf(mac(1)).orElseThrow().mac());
    }

    @Test
    void anOfferOfOursGivesWayToThePartnersLease() {
        assertEquals(new Offer.Address(ip("10.77.0.10")), alloc.offer(NET, mac(1), OptionalInt.empty()));
        assertInstanceOf(Applied.Taken.class, alloc.apply(partner("10.77.0.10", mac(2), LeaseState.ACTIVE, -5)),
                "even one decided a moment before our offer by the partner's clock");
        assertInstanceOf(Decision.Nak.class, alloc.request(NET, mac(1), ip("10.77.0.10"), HOUR, ""));
    }

    @Test
    void olderRowsChangeNothingAndReleasesFreeTheAddress() {
        assertInstanceOf(Applied.Taken.class, alloc.apply(partner("10.77.0.12", mac(3), LeaseState.ACTIVE, 10)));
        assertInstanceOf(Applied.Stale.class, alloc.apply(partner("10.77.0.12", mac(3), LeaseState.RELEASED, 5)));
        assertTrue(alloc.leaseOf(mac(3)).isPresent());
        assertInstanceOf(Applied.Taken.class, alloc.apply(partner("10.77.0.12", mac(3), LeaseState.RELEASED, 20)));
        assertTrue(alloc.leaseOf(mac(3)).isEmpty());
        assertEquals(new Offer.Address(ip("10.77.0.12")), alloc.offer(NET, mac(3), OptionalInt.empty()),
                "and the client gets the same address back here, as it would have there");
    }

    @Test
    void anotherClientsFixedAddressIsAConflictAndAnUnknownSubnetIsSaid() {
        assertInstanceOf(Applied.Conflict.class, alloc.apply(partner("10.77.0.15", mac(4), LeaseState.ACTIVE, 0)));
        assertInstanceOf(Applied.Unknown.class, alloc.apply(partner("192.0.2.1", mac(4), LeaseState.ACTIVE, 0)));
        assertTrue(alloc.isFixed(AllocatorOfferTest.FIXED_IN, ip("10.77.0.15")));
    }

    @Test
    void revokeTakesBackOnlyOurOwnDecisionAndTheSnapshotListsLeasesAndDeclines() {
        assertInstanceOf(Decision.Ack.class, alloc.request(NET, mac(5), ip("10.77.0.13"), HOUR, ""));
        Lease mine = alloc.leaseOf(mac(5)).orElseThrow();
        alloc.revoke(new Lease(mine.address(), mac(6), "", 0, LeaseState.ACTIVE, 0));
        assertTrue(alloc.leaseOf(mac(5)).isPresent(), "another client's revoke does nothing");
        assertInstanceOf(Applied.Taken.class, alloc.apply(partner("10.77.0.14", mac(7), LeaseState.DECLINED, 0)));
        assertEquals(List.of(ip("10.77.0.13"), ip("10.77.0.14")), alloc.snapshot().stream().map(Lease::address)
                .sorted().toList());
        alloc.revoke(mine);
        assertTrue(alloc.leaseOf(mac(5)).isEmpty());
    }

    @Test
    void anExpiredRowFreesNothingThatStillLivesHere() {
        assertInstanceOf(Decision.Ack.class, alloc.request(NET, mac(8), ip("10.77.0.16"), HOUR, ""));
        assertInstanceOf(Applied.Taken.class, alloc.apply(new Lease(ip("10.77.0.16"), mac(8), "", clock.millis(),
                LeaseState.EXPIRED, clock.millis() + 1)));
        assertTrue(alloc.leaseOf(mac(8)).isPresent(), "the lease renewed here outlives the partner's stale copy");
    }
}
