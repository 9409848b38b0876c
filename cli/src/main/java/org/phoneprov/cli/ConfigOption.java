package org.phoneprov.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} every command takes. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The shared phoneprov config (YAML).")
    Path config;
}
