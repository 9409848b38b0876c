package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.net.Addresses;
import org.phoneprov.httpd.ConnectionLimits.Admission;
import org.phoneprov.httpd.ConnectionLimits.Admitted;
import org.phoneprov.httpd.ConnectionLimits.Cap;
import org.phoneprov.httpd.ConnectionLimits.Refused;

/** The per-address and total caps, and who makes room at the total. */
class ConnectionLimitsTest {
    private static final HttpdSettings.Limits LIMITS = new HttpdSettings.Limits(10, 5, 6, 3);
    private static final InetAddress A = Addresses.parseLiteral("10.77.0.50").orElseThrow();
    private static final InetAddress B = Addresses.parseLiteral("10.77.0.51").orElseThrow();
    private static final InetAddress PHONE = Addresses.parseLiteral("10.77.1.1").orElseThrow();

    private final AtomicLong now = new AtomicLong();
    private final ConnectionLimits<String> table = new ConnectionLimits<>();
    private final List<RequestClock> clocks = new ArrayList<>();

    private Admission<String> open(String name, InetAddress from) {
        RequestClock c = new RequestClock(LIMITS, now::get);
        clocks.add(c);
        now.addAndGet(1_000_000); // each a millisecond after the one before
        return table.admit(name, from, c, LIMITS);
    }

    private Admitted<String> in(Admission<String> a) {
        return assertInstanceOf(Admitted.class, a);
    }

    @Test
    void oneAddressOverItsCapIsRefusedAndOthersAreNot() {
        for (int i = 0; i < 3; i++) {
            assertTrue(in(open("a" + i, A)).makeRoom().isEmpty());
        }
        Refused<String> r = assertInstanceOf(Refused.class, open("a3", A));
        assertEquals(new Refused<String>(Cap.PER_CLIENT, 3, 3), r);
        assertTrue(in(open("b0", B)).makeRoom().isEmpty());
        assertEquals(3, table.open(A));
        assertEquals(4, table.open());
    }

    @Test
    void aClosedConnectionFreesItsPlace() {
        List<Admitted<String>> a = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a.add(in(open("a" + i, A)));
        }
        table.release(a.get(1).entry());
        table.release(a.get(1).entry()); // twice is once
        assertEquals(2, table.open(A));
        in(open("a3", A));
        assertEquals(3, table.open());
    }

    @Test
    void atTheTotalTheLongestWaitingConnectionMakesRoom() {
        List<Admitted<String>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(in(open("a" + i, A)));
            held.add(in(open("b" + i, B)));
        }
        assertEquals(6, table.open());
        // a0 is the oldest, but it is busy with a response; b0 has waited longest of the rest.
        clocks.get(0).requestStarted();
        Admitted<String> phone = in(open("phone", PHONE));
        assertEquals("b0", phone.makeRoom().orElseThrow().connection);
        assertEquals(6, table.open(), "the one leaving is not counted");
        // The next newcomer does not pick b0 again.
        assertEquals("a1", in(open("phone2", PHONE)).makeRoom().orElseThrow().connection);
        table.release(phone.makeRoom().get());
        assertEquals(6, table.open());
        assertEquals(2, table.open(B));
    }

    @Test
    void aKeptAliveConnectionWaitsFromItsLastResponse() {
        for (int i = 0; i < 6; i++) {
            in(open("c" + i, i < 3 ? A : B));
        }
        // c0 served a request just now: it is the youngest waiter.
        clocks.get(0).requestStarted();
        now.addAndGet(1_000_000);
        clocks.get(0).responseFinished();
        assertEquals("c1", in(open("phone", PHONE)).makeRoom().orElseThrow().connection);
    }

    @Test
    void whenEveryConnectionIsBusyTheNewcomerIsRefused() {
        for (int i = 0; i < 6; i++) {
            in(open("c" + i, i < 3 ? A : B));
            clocks.get(i).requestStarted();
        }
        assertEquals(new Refused<String>(Cap.TOTAL, 6, 6), open("phone", PHONE));
        assertEquals(0, table.open(PHONE));
    }

    @Test
    void aSparedConnectionCountsAgain() {
        for (int i = 0; i < 6; i++) {
            in(open("c" + i, i < 3 ? A : B));
        }
        Admitted<String> phone = in(open("phone", PHONE));
        ConnectionLimits.Entry<String> room = phone.makeRoom().orElseThrow();
        table.spare(room); // it became busy before it could be closed
        assertEquals(7, table.open(), "over by one until a connection closes");
        table.release(room);
        assertEquals(6, table.open());
    }

    @Test
    void aConnectionWithoutAnAddressCountsOnlyTowardTheTotal() {
        for (int i = 0; i < 6; i++) {
            in(open("x" + i, null));
        }
        assertEquals("x0", in(open("x6", null)).makeRoom().orElseThrow().connection);
    }
}
