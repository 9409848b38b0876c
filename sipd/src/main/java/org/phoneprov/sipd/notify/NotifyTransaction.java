package org.phoneprov.sipd.notify;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.common.config.Device;
import org.phoneprov.sipd.notify.NotifyResult.Outcome;

/**
 * One phone's check-sync NOTIFY as an RFC 3261 17.1.2 non-INVITE client transaction
 * over UDP, with no sockets and no clock: the caller passes the time in (nanoseconds,
 * any monotonic origin), sends what a {@link Step} says, and calls back at its wake time.
 *
 * <p>Timer E retransmits at T1, doubling up to T2 (4 s), every T2 once a provisional
 * answer came (17.1.2.2); Timer F ends it as "no answer". A 401/407 is answered once
 * with digest credentials, as a new request in the same dialog-less exchange (same
 * Call-ID and From tag, next CSeq, new branch), whose own timers start afresh.
 */
public final class NotifyTransaction {
    /** RFC 3261 T2: the longest retransmission interval. */
    public static final long T2_MILLIS = 4_000;

    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    /**
     * What the caller does next: send the request (the current one, possibly a
     * retransmission), call {@link #onTimer} at {@code wakeAt}, and/or report the result.
     * A finished transaction's steps carry only the result, once, then nothing.
     */
    public record Step(Optional<CheckSyncRequest> send, OptionalLong wakeAt, Optional<NotifyResult> result) {
        static final Step NOTHING = new Step(Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    private final Target target;
    private final long t1;
    private final long t2;
    private final long timeout;
    private final Supplier<String> cnonces;
    private CheckSyncRequest request;
    private State state = State.TRYING;
    private boolean challengeAnswered;
    private long started;
    private long nextE;
    private long intervalE;
    private long deadlineF;
    private int sends;
    private long bytesSent;
    private NotifyResult result;

    public NotifyTransaction(Target target, CheckSyncRequest first, int t1Millis, int timeoutMillis) {
        this(target, first, t1Millis, timeoutMillis, RandomIds::cnonce);
    }

    NotifyTransaction(Target target, CheckSyncRequest first, int t1Millis, int timeoutMillis,
                      Supplier<String> cnonces) {
        if (t1Millis <= 0 || timeoutMillis <= 0) {
            throw new IllegalArgumentException("T1 and the timeout must be positive: t1=" + t1Millis + " ms, timeout="
                    + timeoutMillis + " ms");
        }
        this.target = target;
        this.request = first;
        this.t1 = t1Millis * 1_000_000L;
        // RFC 3261 allows a larger T1 on slow links; T2 is then never below it.
        this.t2 = Math.max(T2_MILLIS, t1Millis) * 1_000_000L;
        this.timeout = timeoutMillis * 1_000_000L;
        this.cnonces = cnonces;
    }

    /** The first send. */
    public Step start(long now) {
        started = now;
        return attempt(now);
    }

    /** Timer E and F; an early or late call is harmless. */
    public Step onTimer(long now) {
        if (result != null) {
            return Step.NOTHING;
        }
        if (now - deadlineF >= 0) {
            state = State.TERMINATED;
            return finish(Outcome.NO_ANSWER, 0, "no answer in " + timeout / 1_000_000 + " ms (" + sends + " sends)",
                    now);
        }
        if (now - nextE >= 0) {
            intervalE = state == State.PROCEEDING ? t2 : Math.min(intervalE * 2, t2);
            nextE = now + intervalE;
            return sending();
        }
        return waiting();
    }

    /**
     * Whether a response belongs to the current request: by top Via branch (RFC 3261
     * 17.1.3), or by Call-ID and CSeq for phones that rewrite the branch (the APS seed's
     * own example lower-cases it).
     */
    public boolean matches(NotifyResponse r) {
        boolean method = r.cseqMethod().isEmpty() || r.cseqMethod().equalsIgnoreCase(CheckSyncRequest.METHOD);
        boolean byBranch = !r.branch().isEmpty() && r.branch().equals(request.branch());
        boolean byDialog = r.callId().equals(request.callId()) && r.cseq() == request.cseq();
        return method && (byBranch || byDialog);
    }

    /** A response; one that does not match, or comes after the end, is ignored. */
    public Step onResponse(NotifyResponse r, long now) {
        if (result != null || !matches(r)) {
            return Step.NOTHING;
        }
        if (r.provisional()) {
            if (state == State.TRYING) {
                state = State.PROCEEDING;
            }
            return waiting();
        }
        state = State.COMPLETED;
        if (r.status() < 300) {
            return finish(Outcome.ACCEPTED, r.status(), r.statusLine(), now);
        }
        if (r.status() != 401 && r.status() != 407) {
            return finish(Outcome.REJECTED, r.status(), r.statusLine(), now);
        }
        if (challengeAnswered) {
            return finish(Outcome.REJECTED, r.status(), r.statusLine() + ": authentication refused", now);
        }
        if (!target.hasCredentials()) {
            return finish(Outcome.REJECTED, r.status(), r.statusLine()
                    + ": the phone asks for authentication and its inventory line has no password", now);
        }
        Optional<DigestChallenge> challenge = DigestChallenge.strongest(r.challenges());
        if (challenge.isEmpty()) {
            return finish(Outcome.REJECTED, r.status(), r.statusLine() + ": no Digest challenge we can answer "
                    + r.challenges(), now);
        }
        Device.Line line = target.line().orElseThrow();
        String answer = DigestAnswer.authorization(challenge.get(), line.authUser(), line.password(),
                CheckSyncRequest.METHOD, request.requestUri(), cnonces.get());
        request = request.withCredentials(new CheckSyncRequest.Credentials(DigestAnswer.headerName(r.status()),
                answer));
        challengeAnswered = true;
        return attempt(now);
    }

    /** A new client transaction for the current request: Trying, timers from now. */
    private Step attempt(long now) {
        state = State.TRYING;
        intervalE = t1;
        nextE = now + t1;
        deadlineF = now + timeout;
        return sending();
    }

    private Step sending() {
        sends++;
        bytesSent += request.length();
        return new Step(Optional.of(request), wake(), Optional.empty());
    }

    private Step waiting() {
        return new Step(Optional.empty(), wake(), Optional.empty());
    }

    private OptionalLong wake() {
        return OptionalLong.of(nextE - deadlineF < 0 ? nextE : deadlineF);
    }

    private Step finish(Outcome outcome, int status, String detail, long now) {
        result = new NotifyResult(target.mac(), target.address(), outcome, status, detail,
                Duration.ofNanos(now - started));
        return new Step(Optional.empty(), OptionalLong.empty(), Optional.of(result));
    }

    public Target target() {
        return target;
    }

    /** The request now in flight: after a challenge, the one with credentials. */
    public CheckSyncRequest request() {
        return request;
    }

    public State state() {
        return state;
    }

    /** Datagrams sent, retransmissions included. */
    public int sends() {
        return sends;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public Optional<NotifyResult> result() {
        return Optional.ofNullable(result);
    }
}
