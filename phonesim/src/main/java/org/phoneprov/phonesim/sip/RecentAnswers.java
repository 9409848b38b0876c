package org.phoneprov.phonesim.sip;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The answers sent lately, by transaction, so a retransmitted NOTIFY gets the same
 * answer again and is not obeyed twice (RFC 3261 17.2.1: a server transaction absorbs
 * retransmissions). Kept 32 s, Timer J for UDP. Confined to the port's receive thread.
 */
final class RecentAnswers {
    static final long KEEP_NANOS = 32L * 1_000_000_000;
    static final int MAX = 128;

    private record Sent(byte[] bytes, long at) {
    }

    private final LongSupplier nanoTime;
    private final Map<String, Sent> sent = new LinkedHashMap<>();

    RecentAnswers(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A request retransmits another when Call-ID, CSeq and method match (RFC 3261 17.2.3, for RFC 2543 peers too). */
    static String key(String callId, long cseq, String method) {
        return callId + " " + cseq + " " + method;
    }

    Optional<byte[]> find(String key) {
        expire();
        Sent s = sent.get(key);
        return s == null ? Optional.empty() : Optional.of(s.bytes);
    }

    void remember(String key, byte[] answer) {
        expire();
        if (sent.size() >= MAX) {
            Iterator<String> oldest = sent.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        sent.put(key, new Sent(answer, nanoTime.getAsLong()));
    }

    private void expire() {
        long now = nanoTime.getAsLong();
        sent.values().removeIf(s -> now - s.at > KEEP_NANOS);
    }
}
