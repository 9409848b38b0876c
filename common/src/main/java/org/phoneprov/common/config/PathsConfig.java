package org.phoneprov.common.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the suite reads admin files and keeps its state. Relative paths in the
 * config are resolved against the config file's folder, so a config and its files
 * move together.
 */
public record PathsConfig(Optional<Path> templates, Path files, Path state) {
}
