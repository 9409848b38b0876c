package org.phoneprov.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.phoneprov.cli.run.DaemonRegistry;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.SnapshotBuilder;

/** Loads a config and renders it: the one path from a file to servable state, for every command. */
public final class Loaded {
    private Loaded() {
    }

    public sealed interface Outcome permits Ok, Failed {
    }

    public record Ok(SuiteConfig config, ProvisioningSnapshot snapshot) implements Outcome {
    }

    public record Failed(List<Problem> problems) implements Outcome {
    }

    /** Loads with the sections of the daemons this build runs. */
    public static Outcome load(Path file, Optional<ProvisioningSnapshot> previous) {
        return load(file, DaemonRegistry.BUILT_IN, previous);
    }

    public static Outcome load(Path file, DaemonRegistry daemons, Optional<ProvisioningSnapshot> previous) {
        return load(file, daemons, previous, java.util.Map.of());
    }

    /** As {@code phoneprov check} would load it were the {@code replaced} files' text on disk. */
    public static Outcome load(Path file, DaemonRegistry daemons, Optional<ProvisioningSnapshot> previous,
                               java.util.Map<Path, String> replaced) {
        LoadResult r = ConfigLoader.load(file, daemons.sections(), replaced);
        if (!r.isOk()) {
            return new Failed(r.problems());
        }
        SnapshotBuilder.Result s = SnapshotBuilder.build(r.config().orElseThrow(), previous, System.currentTimeMillis());
        if (s.snapshot().isEmpty()) {
            return new Failed(s.problems());
        }
        return new Ok(r.config().orElseThrow(), s.snapshot().get());
    }

    /** Loads, or prints every problem as FILE:LINE:COL lines and returns empty. */
    static Optional<Ok> loadOrReport(Path file, PrintStream err) {
        Outcome o = load(file, Optional.empty());
        if (o instanceof Failed f) {
            for (Problem p : f.problems()) {
                err.println(p);
            }
            err.println(f.problems().size() + (f.problems().size() == 1 ? " error" : " errors") + " in " + file);
            return Optional.empty();
        }
        return Optional.of((Ok) o);
    }
}
