package org.phoneprov.common.config;

import java.util.List;
import java.util.Optional;

/** A config, or every problem that kept it from being one; never both. */
public record LoadResult(Optional<SuiteConfig> config, List<Problem> problems) {
    public static LoadResult ok(SuiteConfig c) {
        return new LoadResult(Optional.of(c), List.of());
    }

    public static LoadResult failed(List<Problem> problems) {
        return new LoadResult(Optional.empty(), List.copyOf(problems));
    }

    public boolean isOk() {
        return config.isPresent();
    }
}
