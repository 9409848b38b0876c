package org.phoneprov.common.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the suite reads admin files and keeps its state. Relative paths in the
 * config are resolved against the config file's folder, so a config and its files
 * move together. {@code inventory} is the file the top-level {@code inventory:} key names.
 */
public record PathsConfig(Optional<Path> templates, Path files, Path state, Optional<Path> inventory) {
    /**
     * The file new devices are written to by the management API: the {@code inventory:}
     * file when the config names one, else the config itself ({@code devices:}).
     */
    public Path inventoryOr(Path config) {
        return inventory.orElse(config);
    }
}
