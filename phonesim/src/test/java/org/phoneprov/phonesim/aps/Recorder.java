package org.phoneprov.phonesim.aps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Sleeper} that only records. */
public final class Recorder implements Sleeper {
    public final List<Duration> sleeps = new ArrayList<>();

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
    }
}
