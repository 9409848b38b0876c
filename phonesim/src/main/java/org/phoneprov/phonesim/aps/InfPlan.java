package org.phoneprov.phonesim.aps;

import java.util.List;
import org.phoneprov.phonesim.fetch.Location;

/**
 * Where the phone will look for its INF: one way (seed 2.2) and its candidates, best
 * first. The phone tries them in order and stops at the first it finds; if none is
 * found it "will go back to idle mode with error message display" (2.2) — it does not
 * fall back to another way.
 *
 * @param detail why this way was chosen, or why there is none
 */
public record InfPlan(InfSource source, List<Location> candidates, String detail) {
    public InfPlan {
        candidates = List.copyOf(candidates);
        if (source == InfSource.NONE != candidates.isEmpty()) {
            throw new IllegalArgumentException("NONE and only NONE has no candidates");
        }
    }

    public static InfPlan none(String why) {
        return new InfPlan(InfSource.NONE, List.of(), why);
    }

    public boolean isEmpty() {
        return candidates.isEmpty();
    }
}
