package org.phoneprov.common.metrics;

import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counters that cost a request no shared write: each thread adds to slots of its own, and a
 * scrape sums every thread's. For a path that runs on every worker at once, httpd's: the
 * client library's counters and histograms are adders and striped atomics shared by all
 * threads, so two event loops counting the same response bounce their cache lines between
 * the cores (httpd's four updates a response, measured in a loop on 2 cores: ~45 ns on one
 * thread and ~80-110 ns on each of two with the client's metrics; ~12 ns and ~20 ns here).
 *
 * <p>A slot has one writer, the thread that owns it, which stores with opaque writes (plain
 * moves on x86 and ARM); a read sees each slot whole and, soon, up to date. A thread's slots
 * stay after it ends, so nothing counted is lost. Each thread's array is padded, so no two
 * share a cache line.
 */
public final class ThreadCounts {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** A cache line of longs after the slots; the array header keeps the next array's slots off this line. */
    private static final int PAD = 8;

    private final int slots;
    private final List<long[]> threads = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<long[]> mine = new FastThreadLocal<>() {
        @Override
        protected long[] initialValue() {
            long[] s = new long[slots + PAD];
            threads.add(s);
            return s;
        }
    };

    public ThreadCounts(int slots) {
        this.slots = slots;
    }

    /**
     * The calling thread's slots: add to them with {@link #add} on this thread only. A Netty
     * event loop finds them in its own array of thread locals, without a hash lookup.
     */
    public long[] mine() {
        return mine.get();
    }

    /** Adds {@code n} to a slot of {@code mine}, which the calling thread got from {@link #mine()}. */
    public static void add(long[] mine, int slot, long n) {
        SLOT.setOpaque(mine, slot, (long) SLOT.getOpaque(mine, slot) + n);
    }

    /** What every thread has added to {@code slot}. */
    public long sum(int slot) {
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + slots);
        }
        long total = 0;
        for (long[] s : threads) {
            total += (long) SLOT.getOpaque(s, slot);
        }
        return total;
    }
}
