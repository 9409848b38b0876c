package org.phoneprov.common.config;

import java.nio.file.Path;

/**
 * What a {@link SectionReader} reads with: the config file's folder (relative paths in the
 * section are resolved against it), the section's listen settings, already read, and where
 * problems go.
 */
public record SectionContext(Path base, DaemonConfig listen, Problems problems) {
}
