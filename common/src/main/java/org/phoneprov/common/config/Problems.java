package org.phoneprov.common.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.phoneprov.common.config.yaml.Location;

/** Collects every config error instead of stopping at the first, so one check shows them all. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(Location at, String key, String message) {
        list.add(new Problem(at, key, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** In file order, so the admin can fix them top to bottom. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing((Problem p) -> p.at().file().toString())
                .thenComparingInt(p -> p.at().line())
                .thenComparingInt(p -> p.at().column()));
        return List.copyOf(copy);
    }
}
