package org.phoneprov.common.config.yaml;

import java.nio.file.Path;

/** Where a config value was written: what every config error names. */
public record Location(Path file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
