package org.phoneprov.phonesim.cwmp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One CWMP session as the CPE runs it (TR-069 Amendment 6, 3.7.1): POST the Inform and read
 * the InformResponse; send TransferComplete when a download finished (and the ACS does not
 * hold requests, A.2.2.3); then the empty POST, and answer each request the ACS sends in the
 * HTTP response with the next POST, until a 204 or an empty body ends the session (3.7.1.4).
 * MaxEnvelopes is 1: one envelope per HTTP message. Bounded: at most {@link #MAX_MESSAGES}.
 */
final class CwmpSession {
    static final int MAX_MESSAGES = 1000;

    /** A finished download to report: TransferComplete's arguments (A.3.3.2). */
    record Transfer(String commandKey, int faultCode, String faultString, String startTime, String completeTime) {
    }

    /**
     * @param informed    the ACS took the Inform (its events are delivered)
     * @param transferred the pending TransferComplete was acknowledged
     * @param error       why the session failed; empty when it ended as the ACS wished
     */
    record Outcome(boolean informed, boolean transferred, List<String> answered, int faults, String error,
                   AfterSession after, int posts, int cookies) {
        boolean ok() {
            return error.isEmpty();
        }
    }

    private CwmpSession() {
    }

    static Outcome run(AcsClient client, ParameterTree tree, byte[] inform, Optional<Transfer> transfer) {
        AfterSession after = new AfterSession();
        List<String> answered = new ArrayList<>();
        int faults = 0;
        AcsClient.Posted p = client.post(inform);
        String error = failed(p);
        if (!error.isEmpty()) {
            return new Outcome(false, false, answered, 0, "Inform: " + error, after, client.posts(), client.cookies());
        }
        AcsMessage m;
        try {
            m = SoapReader.read(p.body());
        } catch (IOException e) {
            return new Outcome(false, false, answered, 0, "InformResponse: " + e.getMessage(), after, client.posts(),
                    client.cookies());
        }
        if (!(m.body() instanceof AcsMessage.InformResponse)) {
            return new Outcome(false, false, answered, 0, "Inform answered with " + m.body(), after, client.posts(),
                    client.cookies());
        }
        String ns = m.cwmpNamespace(); // 3.7.4: the rest of the session speaks the version the ACS chose
        boolean hold = m.holdRequests();
        boolean transferred = false;
        Optional<byte[]> pending = transfer.map(t -> transferComplete(ns, t));
        byte[] next = new byte[0];
        if (pending.isPresent() && !hold) {
            next = pending.get();
            pending = Optional.empty();
        }
        for (int i = 0; i < MAX_MESSAGES; i++) {
            p = client.post(next);
            error = failed(p);
            if (!error.isEmpty()) {
                return new Outcome(true, transferred, answered, faults, error, after, client.posts(), client.cookies());
            }
            if (p.empty()) {
                if (pending.isPresent()) {
                    // The ACS has no more requests, so HoldRequests is over: the CPE's own request goes first.
                    next = pending.get();
                    pending = Optional.empty();
                    continue;
                }
                return new Outcome(true, transferred, answered, faults, "", after, client.posts(), client.cookies());
            }
            try {
                m = SoapReader.read(p.body());
            } catch (IOException e) {
                return new Outcome(true, transferred, answered, faults, "bad ACS message: " + e.getMessage(), after,
                        client.posts(), client.cookies());
            }
            hold = m.holdRequests();
            if (m.body() instanceof AcsMessage.Request r) {
                CpeRpcs.Answer a = CpeRpcs.answer(ns, m.id().orElse(""), r.request(), tree, after);
                answered.add(a.method() + (a.fault() == 0 ? "" : " " + a.fault()));
                faults += a.fault() == 0 ? 0 : 1;
                next = a.body();
            } else {
                transferred |= m.body() instanceof AcsMessage.TransferCompleteResponse;
                next = new byte[0];
                if (pending.isPresent() && !hold) {
                    next = pending.get();
                    pending = Optional.empty();
                }
            }
        }
        return new Outcome(true, transferred, answered, faults, "more than " + MAX_MESSAGES + " messages", after,
                client.posts(), client.cookies());
    }

    private static byte[] transferComplete(String ns, Transfer t) {
        return SoapWriter.transferComplete(ns, "tc-" + t.commandKey(), t.commandKey(), t.faultCode(), t.faultString(),
                t.startTime(), t.completeTime());
    }

    /** Anything but a 200 with an envelope or a 204 / empty 200 is a failed session. */
    private static String failed(AcsClient.Posted p) {
        if (!p.answered()) {
            return p.failure();
        }
        if (p.status() == 200 || p.status() == 204) {
            return "";
        }
        return "HTTP " + p.status() + (p.status() == 401 ? " (the ACS refused ManagementServer.Username/Password)"
                : "");
    }
}
