package org.phoneprov.tftpd.codec;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Packets refused as malformed, per {@link Malformation}. Thread-safe; one per server. */
public final class TftpDropCounters {
    private final Map<Malformation, LongAdder> counts = new EnumMap<>(Malformation.class);

    public TftpDropCounters() {
        for (Malformation m : Malformation.values()) {
            counts.put(m, new LongAdder());
        }
    }

    public void increment(Malformation reason) {
        counts.get(reason).increment();
    }

    public long count(Malformation reason) {
        return counts.get(reason).sum();
    }

    public long total() {
        long sum = 0;
        for (LongAdder a : counts.values()) {
            sum += a.sum();
        }
        return sum;
    }

    /** {@code TOO_SHORT=0 UNKNOWN_OPCODE=3 ...}, for a status line. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        counts.forEach((m, a) -> b.append(b.length() == 0 ? "" : " ").append(m).append('=').append(a.sum()));
        return b.toString();
    }
}
