package org.phoneprov.sipd.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.sipd.notify.NotifyResult.Outcome;
import org.phoneprov.sipd.notify.NotifyTransaction.State;
import org.phoneprov.sipd.notify.NotifyTransaction.Step;

class NotifyTransactionTest {
    private static final long MS = 1_000_000L;
    /** Any origin: the transaction only subtracts times. */
    private static final long T0 = -5_000 * MS;

    private static NotifyTransaction tx(Target t, int t1, int timeout) {
        return new NotifyTransaction(t, CheckSyncRequest.first(t, Fixtures.SOURCE, false), t1, timeout, () -> "cn0");
    }

    private static NotifyResponse reply(CheckSyncRequest r, int status, String reason, String... challenges) {
        return new NotifyResponse(status, reason, r.branch(), r.callId(), r.cseq(), "NOTIFY", List.of(challenges));
    }

    private static final String CHALLENGE = "Digest realm=\"pbx\", nonce=\"abc\", qop=\"auth\", opaque=\"op\"";

    /** Drives the timers to the end and returns when each send happened, in ms from T0. */
    private static List<Long> runTimers(NotifyTransaction tx, Step first, List<Optional<NotifyResult>> end) {
        List<Long> sends = new ArrayList<>();
        Step s = first;
        long now = T0;
        if (s.send().isPresent()) {
            sends.add(0L);
        }
        while (s.result().isEmpty()) {
            now = s.wakeAt().getAsLong();
            s = tx.onTimer(now);
            if (s.send().isPresent()) {
                sends.add((now - T0) / MS);
            }
        }
        end.add(s.result());
        return sends;
    }

    @Test
    void timerEDoublesUpToT2AndTimerFEndsWithNoAnswer() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        Step first = tx.start(T0);
        assertEquals(State.TRYING, tx.state());
        List<Optional<NotifyResult>> end = new ArrayList<>();
        List<Long> sends = runTimers(tx, first, end);
        // 0, T1, 3T1, 7T1, then every T2 (4 s) until Timer F at 32 s (RFC 3261 17.1.2.2, figure 6).
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L), sends);
        NotifyResult r = end.get(0).orElseThrow();
        assertEquals(Outcome.NO_ANSWER, r.outcome());
        assertEquals(0, r.status());
        assertEquals(Duration.ofSeconds(32), r.took());
        assertEquals("no answer in 32000 ms (11 sends)", r.detail());
        assertEquals("no-answer", r.eventResult());
        assertEquals(State.TERMINATED, tx.state());
        assertEquals(11, tx.sends());
        assertEquals(11L * tx.request().length(), tx.bytesSent());
    }

    @Test
    void shortTimersAsInTheEndToEndTest() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 20, 300);
        List<Optional<NotifyResult>> end = new ArrayList<>();
        assertEquals(List.of(0L, 20L, 60L, 140L), runTimers(tx, tx.start(T0), end));
    }

    @Test
    void provisionalMovesToProceedingWhereRetransmissionsAreEveryT2() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        Step s = tx.start(T0);
        s = tx.onTimer(T0 + 500 * MS);
        assertTrue(s.send().isPresent());
        s = tx.onResponse(reply(tx.request(), 100, "Trying"), T0 + 600 * MS);
        assertEquals(State.PROCEEDING, tx.state());
        assertTrue(s.send().isEmpty());
        assertEquals(T0 + 1500 * MS, s.wakeAt().getAsLong(), "the running Timer E is kept");
        s = tx.onTimer(T0 + 1500 * MS);
        assertTrue(s.send().isPresent());
        assertEquals(T0 + 5500 * MS, s.wakeAt().getAsLong(), "then reset to T2");
        s = tx.onResponse(reply(tx.request(), 200, "OK"), T0 + 2000 * MS);
        NotifyResult r = s.result().orElseThrow();
        assertEquals(Outcome.ACCEPTED, r.outcome());
        assertEquals(Duration.ofSeconds(2), r.took());
        assertEquals(State.COMPLETED, tx.state());
    }

    @Test
    void earlyTimerCallsChangeNothing() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        tx.start(T0);
        Step s = tx.onTimer(T0 + 100 * MS);
        assertTrue(s.send().isEmpty());
        assertEquals(T0 + 500 * MS, s.wakeAt().getAsLong());
    }

    @Test
    void okIsAcceptedAndLateResponsesAreIgnored() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        tx.start(T0);
        CheckSyncRequest r = tx.request();
        Step s = tx.onResponse(reply(r, 200, "OK"), T0 + 30 * MS);
        NotifyResult result = s.result().orElseThrow();
        assertEquals(new NotifyResult(Fixtures.MAC, Fixtures.PHONE, Outcome.ACCEPTED, 200, "200 OK",
                Duration.ofMillis(30)), result);
        assertSame(Step.NOTHING, tx.onResponse(reply(r, 200, "OK"), T0 + 40 * MS));
        assertSame(Step.NOTHING, tx.onResponse(reply(r, 500, "Oops"), T0 + 40 * MS));
        assertSame(Step.NOTHING, tx.onTimer(T0 + 60_000 * MS));
        assertEquals(Optional.of(result), tx.result());
    }

    @Test
    void anyTwoHundredIsAccepted() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        tx.start(T0);
        assertEquals(Outcome.ACCEPTED, tx.onResponse(reply(tx.request(), 202, "Accepted"), T0).result()
                .orElseThrow().outcome());
    }

    @Test
    void otherFinalsAreRejectedWithCodeAndReason() {
        for (int code : new int[] {400, 403, 404, 481, 489, 500, 603}) {
            NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
            tx.start(T0);
            NotifyResult r = tx.onResponse(reply(tx.request(), code, "Reason " + code), T0).result().orElseThrow();
            assertEquals(Outcome.REJECTED, r.outcome());
            assertEquals(code, r.status());
            assertEquals(code + " Reason " + code, r.detail());
            assertEquals("rejected " + code, r.eventResult());
        }
    }

    @Test
    void challengeIsAnsweredOnceWithANewRequest() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        tx.start(T0);
        CheckSyncRequest first = tx.request();
        tx.onTimer(T0 + 500 * MS);
        Step s = tx.onResponse(reply(first, 401, "Unauthorized", CHALLENGE), T0 + 700 * MS);
        CheckSyncRequest second = s.send().orElseThrow();
        assertSame(second, tx.request());
        assertEquals(State.TRYING, tx.state());
        assertEquals(first.callId(), second.callId());
        assertEquals(first.fromTag(), second.fromTag());
        assertEquals(first.cseq() + 1, second.cseq());
        assertNotEquals(first.branch(), second.branch());
        CheckSyncRequest.Credentials c = second.credentials().orElseThrow();
        assertEquals("Authorization", c.header());
        String expected = DigestAnswer.authorization(DigestChallenge.parse(CHALLENGE).orElseThrow(), "201", "s3cret",
                "NOTIFY", "sip:201@192.0.2.50:5060", "cn0");
        assertEquals(expected, c.value());
        // The new transaction's own timers start now.
        assertEquals(T0 + 1200 * MS, s.wakeAt().getAsLong());
        // A retransmitted 401 for the first request no longer matches, so it is not a second refusal.
        assertSame(Step.NOTHING, tx.onResponse(reply(first, 401, "Unauthorized", CHALLENGE), T0 + 710 * MS));
        NotifyResult r = tx.onResponse(reply(second, 200, "OK"), T0 + 800 * MS).result().orElseThrow();
        assertEquals(Outcome.ACCEPTED, r.outcome());
        assertEquals(Duration.ofMillis(800), r.took());
        assertEquals(3, tx.sends());
        assertEquals(2L * first.length() + second.length(), tx.bytesSent());
    }

    @Test
    void proxyChallengeIsAnsweredWithProxyAuthorization() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        tx.start(T0);
        Step s = tx.onResponse(reply(tx.request(), 407, "Proxy Authentication Required", CHALLENGE), T0);
        assertEquals("Proxy-Authorization", s.send().orElseThrow().credentials().orElseThrow().header());
    }

    @Test
    void secondChallengeIsAuthenticationRefused() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        tx.start(T0);
        tx.onResponse(reply(tx.request(), 401, "Unauthorized", CHALLENGE), T0);
        NotifyResult r = tx.onResponse(reply(tx.request(), 401, "Unauthorized", CHALLENGE), T0 + MS).result()
                .orElseThrow();
        assertEquals(Outcome.REJECTED, r.outcome());
        assertEquals(401, r.status());
        assertEquals("401 Unauthorized: authentication refused", r.detail());
    }

    @Test
    void challengeWithoutAPasswordIsRejected() {
        for (Target t : List.of(Fixtures.target(Optional.empty()),
                Fixtures.target(Optional.of(Fixtures.line("201", "201", ""))))) {
            NotifyTransaction tx = tx(t, 500, 32_000);
            tx.start(T0);
            NotifyResult r = tx.onResponse(reply(tx.request(), 401, "Unauthorized", CHALLENGE), T0).result()
                    .orElseThrow();
            assertEquals(Outcome.REJECTED, r.outcome());
            assertTrue(r.detail().contains("no password"), r.detail());
        }
    }

    @Test
    void challengeWeCannotAnswerIsRejected() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        tx.start(T0);
        NotifyResult r = tx.onResponse(reply(tx.request(), 401, "Unauthorized", "Basic realm=\"x\""), T0).result()
                .orElseThrow();
        assertEquals(Outcome.REJECTED, r.outcome());
        assertTrue(r.detail().startsWith("401 Unauthorized: no Digest challenge"), r.detail());
    }

    @Test
    void usesTheAuthUserNotTheNumber() {
        Target t = Fixtures.target(Optional.of(Fixtures.line("201", "auth201", "pw")));
        NotifyTransaction tx = tx(t, 500, 32_000);
        tx.start(T0);
        Step s = tx.onResponse(reply(tx.request(), 401, "Unauthorized", CHALLENGE), T0);
        assertTrue(s.send().orElseThrow().credentials().orElseThrow().value().startsWith("Digest username=\"auth201\""));
    }

    @Test
    void matchesByBranchOrByCallIdAndCSeq() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 500, 32_000);
        tx.start(T0);
        CheckSyncRequest r = tx.request();
        assertTrue(tx.matches(new NotifyResponse(200, "OK", r.branch(), "mangled", 99, "NOTIFY", List.of())));
        assertTrue(tx.matches(new NotifyResponse(200, "OK", r.branch().toLowerCase(), r.callId(), r.cseq(), "NOTIFY",
                List.of())), "a phone that lower-cases the branch is matched by Call-ID and CSeq");
        assertTrue(tx.matches(new NotifyResponse(200, "OK", "", r.callId(), r.cseq(), "", List.of())));
        assertTrue(!tx.matches(new NotifyResponse(200, "OK", "z9hG4bKother", r.callId(), r.cseq() + 1, "NOTIFY",
                List.of())));
        assertTrue(!tx.matches(new NotifyResponse(200, "OK", r.branch(), r.callId(), r.cseq(), "OPTIONS",
                List.of())));
        assertTrue(!tx.matches(new NotifyResponse(200, "OK", "z9hG4bKother", "other@x", r.cseq(), "NOTIFY",
                List.of())));
        assertSame(Step.NOTHING, tx.onResponse(new NotifyResponse(200, "OK", "z9hG4bKother", "other@x", 1,
                "NOTIFY", List.of()), T0));
    }

    @Test
    void largeT1RaisesT2() {
        NotifyTransaction tx = tx(Fixtures.withPassword(), 5_000, 40_000);
        List<Optional<NotifyResult>> end = new ArrayList<>();
        assertEquals(List.of(0L, 5_000L, 10_000L, 15_000L, 20_000L, 25_000L, 30_000L, 35_000L),
                runTimers(tx, tx.start(T0), end));
    }
}
