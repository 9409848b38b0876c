package org.phoneprov.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.phoneprov.cli.run.DaemonRegistry;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.SuiteConfig;
import picocli.CommandLine.Option;

/** The {@code --config FILE} every command takes. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The shared phoneprov config (YAML).")
    Path config;

    /** The validated config, or empty after printing every problem as {@code FILE:LINE:COL: ...}. */
    Optional<SuiteConfig> load() {
        LoadResult r = ConfigLoader.load(config, DaemonRegistry.BUILT_IN.sections());
        if (!r.isOk()) {
            r.problems().forEach(System.err::println);
        }
        return r.config();
    }
}
