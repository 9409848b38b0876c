package org.phoneprov.phonesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.sim.SourceAddresses.Choice;
import org.phoneprov.phonesim.sim.SourceAddresses.Kind;

class SourceAddressesTest {
    /** Linux: all of 127.0.0.0/8 is local; nothing else on this pretend host. */
    private static final Predicate<InetAddress> LINUX_LOOPBACK = a -> (a.getAddress()[0] & 0xFF) == 127;
    /** macOS and others: only 127.0.0.1 can be bound. */
    private static final Predicate<InetAddress> ONLY_127_0_0_1 = a -> a.getHostAddress().equals("127.0.0.1");

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static SourceAddresses relayed(Predicate<InetAddress> local, String... reserved) {
        Set<InetAddress> r = new HashSet<>();
        for (String s : reserved) {
            r.add(ip(s));
        }
        return new SourceAddresses(true, local, r);
    }

    @Test
    void aLeaseOnThisHostIsTheAddressThePhoneSendsFrom() {
        Choice c = relayed(LINUX_LOOPBACK, "127.0.0.1", "127.77.0.1").choose(ip("127.77.1.5"));
        assertEquals(Kind.LEASED, c.kind());
        assertEquals(Optional.of(ip("127.77.1.5")), c.from());
    }

    @Test
    void aLeaseElsewhereGetsTheLoopbackAddressWithTheSameLastThreeBytes() {
        Choice c = relayed(LINUX_LOOPBACK, "127.0.0.1").choose(ip("10.77.32.5"));
        assertEquals(Kind.STAND_IN, c.kind());
        assertEquals(Optional.of(ip("127.77.32.5")), c.from());
        assertEquals(ip("10.77.32.5"), c.leased());
    }

    @Test
    void fiftyPhonesGetFiftyDistinctAddresses() {
        SourceAddresses s = relayed(LINUX_LOOPBACK, "127.0.0.1");
        Set<InetAddress> from = new HashSet<>();
        for (int i = 1; i <= 50; i++) {
            from.add(s.choose(ip("10.77.32." + i)).from().orElseThrow());
        }
        assertEquals(50, from.size());
        assertEquals(50, s.summary().count(Kind.STAND_IN));
        assertEquals(0, s.summary().count(Kind.SHARED));
    }

    @Test
    void leasesThatDifferOnlyInTheFirstByteDoNotShareAStandIn() {
        SourceAddresses s = relayed(LINUX_LOOPBACK);
        assertEquals(Optional.of(ip("127.1.2.3")), s.choose(ip("10.1.2.3")).from());
        assertEquals(Optional.of(ip("127.1.2.4")), s.choose(ip("192.1.2.3")).from());
    }

    @Test
    void noPhoneStandsInAtTheRelayOrTheServers() {
        SourceAddresses s = relayed(LINUX_LOOPBACK, "127.0.0.1", "127.77.0.1");
        assertEquals(Optional.of(ip("127.0.0.2")), s.choose(ip("10.0.0.1")).from(), "127.0.0.1 is the server's");
        assertEquals(Optional.of(ip("127.77.0.2")), s.choose(ip("10.77.0.1")).from(), "127.77.0.1 is the relay's");
    }

    @Test
    void theLoopbackNetworkAndBroadcastAddressesAreSkipped() {
        SourceAddresses s = relayed(LINUX_LOOPBACK, "127.0.0.1");
        assertEquals(Optional.of(ip("127.0.0.2")), s.choose(ip("10.0.0.0")).from());
        // 127.255.255.255 is the broadcast address: the next one up wraps to the bottom of 127/8.
        assertEquals(Optional.of(ip("127.0.0.3")), s.choose(ip("10.255.255.255")).from());
    }

    @Test
    void aStandInNeverTakesAnotherPhonesLeasedAddress() {
        SourceAddresses s = relayed(LINUX_LOOPBACK);
        assertEquals(Kind.LEASED, s.choose(ip("127.77.32.5")).kind());
        assertEquals(Optional.of(ip("127.77.32.6")), s.choose(ip("10.77.32.5")).from());
    }

    @Test
    void aPhoneKeepsItsChoiceForEveryRunAndTheHostIsAskedOnce() {
        AtomicInteger asked = new AtomicInteger();
        SourceAddresses s = relayed(a -> {
            asked.incrementAndGet();
            return LINUX_LOOPBACK.test(a);
        });
        Choice first = s.choose(ip("10.77.32.9"));
        assertEquals(first, s.choose(ip("10.77.32.9")));
        assertEquals(2, asked.get(), "once for the lease, once for its stand-in");
        assertEquals(1, s.summary().count(Kind.STAND_IN));
    }

    @Test
    void whereOnly127001IsLocalPhonesShareTheHostsAddressAndTheSummarySaysSo() {
        SourceAddresses s = relayed(ONLY_127_0_0_1, "127.0.0.1");
        Choice c = s.choose(ip("10.77.32.5"));
        assertEquals(Kind.SHARED, c.kind());
        assertEquals(Optional.empty(), c.from());
        s.choose(ip("10.77.32.6"));
        assertEquals(2, s.summary().count(Kind.SHARED));
        assertEquals(ip("10.77.32.5"), s.summary().example().get(Kind.SHARED).leased());
    }

    @Test
    void withoutStandInsALeaseElsewhereSharesTheHostsAddress() {
        // The LAN mode (as before: the host's address, and a warning), and a relay whose suite
        // is on another host, which a 127.x source cannot reach.
        SourceAddresses none = new SourceAddresses(false, LINUX_LOOPBACK, Set.of());
        assertEquals(Kind.SHARED, none.choose(ip("10.77.32.5")).kind());
        assertEquals(Kind.LEASED, none.choose(ip("127.77.1.1")).kind());
    }

    @Test
    void theSummaryCountsEachKind() {
        SourceAddresses s = relayed(LINUX_LOOPBACK, "127.0.0.1");
        s.choose(ip("127.77.1.1"));
        s.choose(ip("127.77.1.2"));
        s.choose(ip("10.77.32.5"));
        SourceAddresses.Summary sum = s.summary();
        assertEquals(2, sum.count(Kind.LEASED));
        assertEquals(1, sum.count(Kind.STAND_IN));
        assertTrue(sum.example().get(Kind.STAND_IN).from().orElseThrow().getHostAddress().equals("127.77.32.5"));
    }
}
