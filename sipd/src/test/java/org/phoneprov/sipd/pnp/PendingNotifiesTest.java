package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.sipd.message.SipParse;
import org.phoneprov.sipd.message.SipParser;
import org.phoneprov.sipd.message.SipSamples;

class PendingNotifiesTest {
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress PHONE = new InetSocketAddress("192.168.10.67", 5060);
    private static final String BRANCH = "z9hG4bK77";
    private static final String CALL_ID = "1930770594@192.168.10.67";
    private static final byte[] NOTIFY = {'N', 'O', 'T', 'I', 'F', 'Y'};

    private final PendingNotifies table = new PendingNotifies();

    /** Follows nextDeadline from {@code t0} until the entry ends; the gaps between resends, in ms. */
    private List<Long> resendGaps(long t0) {
        List<Long> gaps = new ArrayList<>();
        long last = t0;
        while (table.nextDeadline() != Long.MAX_VALUE) {
            long at = table.nextDeadline();
            assertTrue(table.due(at - 1).isEmpty(), "nothing fires before its deadline");
            PendingNotifies.Due due = table.due(at);
            if (!due.resend().isEmpty()) {
                assertArrayEquals(NOTIFY, due.resend().get(0).datagram());
                assertEquals(PHONE, due.resend().get(0).to());
                gaps.add((at - last) / MS);
                last = at;
            }
        }
        return gaps;
    }

    @Test
    void timerEDoublesFromT1ToT2UntilTimerF() {
        long t0 = 7 * MS;
        assertTrue(table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, t0));
        assertEquals(t0 + 500 * MS, table.nextDeadline());
        List<Long> gaps = resendGaps(t0);
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 4000L, 4000L, 4000L, 4000L, 4000L, 4000L), gaps);
        assertEquals(0, table.size());
    }

    @Test
    void timerFReportsTheTimeoutOnce() {
        long t0 = 0;
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, t0);
        assertTrue(table.due(t0 + 31_999 * MS).expired().isEmpty(), "a late tick resends; Timer F is not yet due");
        PendingNotifies.Due due = table.due(t0 + 32_000 * MS);
        assertEquals(List.of(new PendingNotifies.Expired(CALL_ID, PHONE, 2)), due.expired());
        assertTrue(due.resend().isEmpty());
        assertEquals(Long.MAX_VALUE, table.nextDeadline());
        assertTrue(table.due(t0 + 100_000 * MS).isEmpty());
        assertFalse(table.onResponse(BRANCH, CALL_ID, 1, 200, t0 + 33_000 * MS), "a response after the end");
    }

    @Test
    void aFullScheduleEndsWithElevenTransmissions() {
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, 0);
        List<PendingNotifies.Expired> expired = new ArrayList<>();
        for (long t = 0; t <= 40_000 * MS; t += 100 * MS) {
            expired.addAll(table.due(t).expired());
        }
        assertEquals(List.of(new PendingNotifies.Expired(CALL_ID, PHONE, 11)), expired);
    }

    @Test
    void aFinalResponseEndsItAndALaterOneMatchesNothing() {
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, 0);
        assertEquals(1, table.due(500 * MS).resend().size());
        assertTrue(table.onResponse(BRANCH, CALL_ID, 1, 200, 600 * MS));
        assertEquals(0, table.size());
        assertEquals(Long.MAX_VALUE, table.nextDeadline());
        assertTrue(table.due(60_000 * MS).isEmpty());
        assertFalse(table.onResponse(BRANCH, CALL_ID, 1, 200, 700 * MS), "the retransmitted 200");
    }

    @Test
    void anErrorResponseIsFinalToo() {
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, 0);
        assertTrue(table.onResponse(BRANCH, CALL_ID, 1, 481, 100 * MS));
        assertTrue(table.due(60_000 * MS).isEmpty());
    }

    @Test
    void aProvisionalResponseMovesToEveryT2() {
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, 0);
        assertTrue(table.onResponse(BRANCH, CALL_ID, 1, 100, 100 * MS));
        assertEquals(1, table.size());
        // RFC 3261 17.1.2.2: the running Timer E still fires; from then on it is reset to T2.
        assertEquals(500 * MS, table.nextDeadline());
        assertEquals(1, table.due(500 * MS).resend().size());
        assertEquals(4_500 * MS, table.nextDeadline());
        assertEquals(1, table.due(4_500 * MS).resend().size());
        assertEquals(8_500 * MS, table.nextDeadline());
        assertTrue(table.onResponse(BRANCH, CALL_ID, 1, 200, 9_000 * MS));
        assertTrue(table.due(60_000 * MS).isEmpty());
    }

    @Test
    void callIdAndCSeqMatchWhenThePhoneManglesTheBranch() {
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, 0);
        assertFalse(table.onResponse("z9hG4bKother", CALL_ID, 2, 200, 0), "another CSeq");
        assertFalse(table.onResponse("z9hG4bKother", "other@192.168.10.67", 1, 200, 0), "another Call-ID");
        assertTrue(table.onResponse("z9hG4bKother", CALL_ID, 1, 200, 0));
        assertEquals(0, table.size());
    }

    @Test
    void theBranchMatchIgnoresCaseAndNeedsNothingElse() {
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, 0);
        assertTrue(table.onResponse(BRANCH.toLowerCase(), "rewritten-call-id", 9, 200, 0));
        assertEquals(0, table.size());
    }

    @Test
    void aParsedResponseMatchesOnlyWhenItAnswersANotify() {
        SIPResponse ok = assertInstanceOf(SipParse.Response.class,
                SipParser.parse(SipSamples.bytes(SipSamples.OK_TO_NOTIFY))).message();
        SIPResponse okToSubscribe = assertInstanceOf(SipParse.Response.class, SipParser.parse(SipSamples.bytes(
                SipSamples.OK_TO_NOTIFY.replace("CSeq: 1 NOTIFY", "CSeq: 1 SUBSCRIBE")))).message();
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, 0);
        assertFalse(table.onResponse(okToSubscribe, 0));
        assertTrue(table.onResponse(ok, 0));
        assertEquals(0, table.size());
    }

    @Test
    void theBoundIsRespectedAndFreedByEndings() {
        PendingNotifies small = new PendingNotifies(2);
        assertTrue(small.add("z9hG4bK1", "a", 1, NOTIFY, PHONE, 0));
        assertTrue(small.add("z9hG4bK2", "b", 1, NOTIFY, PHONE, 0));
        assertFalse(small.add("z9hG4bK3", "c", 1, NOTIFY, PHONE, 0), "full: sent once, untracked");
        assertFalse(small.onResponse("z9hG4bK3", "c", 1, 200, 0));
        assertEquals(2, small.size());
        assertEquals(2, small.due(500 * MS).resend().size());
        assertTrue(small.onResponse("z9hG4bK1", "a", 1, 200, 600 * MS));
        assertTrue(small.add("z9hG4bK4", "d", 1, NOTIFY, PHONE, 600 * MS));
        assertEquals(2, small.size());
    }

    @Test
    void aRepeatedSubscribeKeepsBothNotifiesMatchable() {
        table.add("z9hG4bK1", CALL_ID, 1, NOTIFY, PHONE, 0);
        table.add("z9hG4bK2", CALL_ID, 1, NOTIFY, PHONE, 10 * MS);
        assertTrue(table.onResponse("mangled", CALL_ID, 1, 200, 20 * MS), "the fallback finds the later one");
        assertTrue(table.onResponse("z9hG4bK1", CALL_ID, 1, 200, 20 * MS), "the earlier by its branch");
        assertEquals(0, table.size());
        assertTrue(table.due(60_000 * MS).isEmpty());
    }

    @Test
    void deadlinesSurviveNanoTimeWrapping() {
        long t0 = Long.MAX_VALUE - 1_000 * MS;
        table.add(BRANCH, CALL_ID, 1, NOTIFY, PHONE, t0);
        assertTrue(table.due(t0 + 499 * MS).isEmpty());
        assertEquals(1, table.due(t0 + 500 * MS).resend().size());
        assertEquals(1, table.due(t0 + 1_500 * MS).resend().size(), "past the wrap");
        assertEquals(1, table.due(t0 + 32_000 * MS).expired().size());
    }
}
