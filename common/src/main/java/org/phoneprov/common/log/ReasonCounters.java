package org.phoneprov.common.log;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ObjLongConsumer;

/**
 * Counts per reason (an enum): packets a server dropped, and why. Thread-safe; one per
 * server. Daemons subclass it for their own reason enum.
 */
public class ReasonCounters<E extends Enum<E>> {
    private final Map<E, LongAdder> counts;

    protected ReasonCounters(Class<E> reasons) {
        counts = new EnumMap<>(reasons);
        for (E e : reasons.getEnumConstants()) {
            counts.put(e, new LongAdder());
        }
    }

    public final void increment(E reason) {
        counts.get(reason).increment();
    }

    public final long count(E reason) {
        return counts.get(reason).sum();
    }

    /** Every reason, in declaration order, with its count so far: for a metrics scrape. */
    public final void forEach(ObjLongConsumer<E> each) {
        counts.forEach((reason, a) -> each.accept(reason, a.sum()));
    }

    public final long total() {
        long sum = 0;
        for (LongAdder a : counts.values()) {
            sum += a.sum();
        }
        return sum;
    }

    /** {@code TOO_SHORT=0 NO_MAGIC_COOKIE=3 ...}, for a status line. */
    @Override
    public final String toString() {
        StringBuilder b = new StringBuilder();
        counts.forEach((m, a) -> b.append(b.length() == 0 ? "" : " ").append(m).append('=').append(a.sum()));
        return b.toString();
    }
}
