package org.phoneprov.phonesim.cwmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a CPE's sessions came to, for the simulation's report line: sessions opened, informs the
 * ACS took (by event code), RPCs answered, faults answered, downloads and their outcome, and the
 * last error. Thread-safe: written by the CPE's thread, read by the report.
 */
public final class CwmpReport {
    private int sessions;
    private int informs;
    private int rpcs;
    private int faults;
    private final Map<String, Integer> events = new TreeMap<>();
    private final List<String> downloads = new ArrayList<>();
    private String lastError = "";

    synchronized void session(List<CwmpEvent> sent, CwmpSession.Outcome o) {
        sessions++;
        if (o.informed()) {
            informs++;
            sent.forEach(e -> events.merge(e.code(), 1, Integer::sum));
        }
        rpcs += o.answered().size();
        faults += o.faults();
        lastError = o.error();
    }

    synchronized void download(CwmpSession.Transfer t) {
        downloads.add(t.faultCode() == 0 ? "ok" : Integer.toString(t.faultCode()));
    }

    synchronized void error(String why) {
        lastError = why;
    }

    public synchronized int sessions() {
        return sessions;
    }

    public synchronized int informs() {
        return informs;
    }

    public synchronized int rpcs() {
        return rpcs;
    }

    public synchronized int faults() {
        return faults;
    }

    public synchronized String lastError() {
        return lastError;
    }

    public synchronized Map<String, Integer> events() {
        return Map.copyOf(events);
    }

    /** {@code cwmp 2 informs (1 BOOT 2, 0 BOOTSTRAP 1), 5 RPCs, 1 fault} or {@code cwmp FAILED ...}. */
    public synchronized String line() {
        StringBuilder b = new StringBuilder("cwmp ");
        if (informs == 0) {
            return b.append("FAILED ").append(lastError.isEmpty() ? "no session" : lastError).toString();
        }
        b.append(informs).append(informs == 1 ? " inform" : " informs");
        StringBuilder ev = new StringBuilder();
        events.forEach((k, v) -> ev.append(ev.length() == 0 ? "" : ", ").append(k).append(v > 1 ? " x" + v : ""));
        b.append(" (").append(ev).append("), ").append(rpcs).append(rpcs == 1 ? " RPC" : " RPCs").append(", ")
                .append(faults).append(faults == 1 ? " fault" : " faults");
        if (!downloads.isEmpty()) {
            b.append(", downloads ").append(String.join(" ", downloads));
        }
        if (!lastError.isEmpty()) {
            b.append(", last error: ").append(lastError);
        }
        return b.toString();
    }
}
