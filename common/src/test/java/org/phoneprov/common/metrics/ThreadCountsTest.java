package org.phoneprov.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each thread adds to its own slots; a read sums them all, the slots of ended threads too. */
class ThreadCountsTest {
    @Test
    void everyThreadsAdditionsAreSummed() throws Exception {
        ThreadCounts c = new ThreadCounts(3);
        AtomicReference<long[]> theirs = new AtomicReference<>();
        Thread[] workers = new Thread[4];
        for (int t = 0; t < workers.length; t++) {
            // An event loop's kind of thread, and a plain one: both find their own slots.
            Runnable work = () -> {
                long[] mine = c.mine();
                theirs.set(mine);
                for (int i = 0; i < 100_000; i++) {
                    ThreadCounts.add(mine, 0, 1);
                    ThreadCounts.add(mine, 2, 3);
                }
            };
            workers[t] = t % 2 == 0 ? new FastThreadLocalThread(work) : new Thread(work);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(400_000, c.sum(0));
        assertEquals(0, c.sum(1));
        assertEquals(1_200_000, c.sum(2), "the slots of ended threads still count");
        assertSame(c.mine(), c.mine());
        assertNotSame(theirs.get(), c.mine());
        assertThrows(IndexOutOfBoundsException.class, () -> c.sum(3), "the padding is no slot");
    }
}
