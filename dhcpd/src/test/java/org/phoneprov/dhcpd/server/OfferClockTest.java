package org.phoneprov.dhcpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the OFFER→ACK histogram is fed: one age per answered OFFER, bounded memory. */
class OfferClockTest {
    @Test
    void anAnswerGivesTheAgeOfTheLatestOfferOnce() {
        OfferClock c = new OfferClock(10);
        c.offered(1, 100);
        c.offered(1, 250); // the client asked again: the newer OFFER counts
        assertEquals(50, c.answered(1, 300));
        assertEquals(-1, c.answered(1, 400), "its clock stopped with the first answer");
        assertEquals(-1, c.answered(2, 400), "never offered");
    }

    @Test
    void theOldestOfferIsForgottenPastTheCapacity() {
        OfferClock c = new OfferClock(2);
        c.offered(1, 0);
        c.offered(2, 0);
        c.offered(1, 5); // refreshed: now the newest
        c.offered(3, 0);
        assertEquals(2, c.size());
        assertEquals(-1, c.answered(2, 10), "the oldest went");
        assertEquals(5, c.answered(1, 10));
        assertEquals(10, c.answered(3, 10));
    }

    @Test
    void anOfferTooOldIsNotTimed() {
        OfferClock c = new OfferClock(2);
        c.offered(1, 0);
        assertEquals(-1, c.answered(1, OfferClock.MAX_AGE_NANOS + 1));
    }
}
