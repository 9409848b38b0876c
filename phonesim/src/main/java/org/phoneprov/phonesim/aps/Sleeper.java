package org.phoneprov.phonesim.aps;

import java.time.Duration;

/** Waits between retries (seed 2.6); tests pass one that only records the waits. */
@FunctionalInterface
public interface Sleeper {
    /** Waits; returns early, with the thread's interrupt flag set, when interrupted. */
    void sleep(Duration d);

    Sleeper REAL = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };
}
