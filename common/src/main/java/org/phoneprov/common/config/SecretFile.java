package org.phoneprov.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A secret kept in a file of its own (mode 0640, like a key), so the config can be
 * world-readable and shown in tickets: its first line, read at load so a reload picks up a
 * new one. Problems name the file, never its content.
 */
final class SecretFile {
    private SecretFile() {
    }

    /** The first line of {@code file} (named by {@code key} of {@code s}), or empty with a problem added. */
    static Optional<String> firstLine(MapView s, String key, Path file, String what, Problems problems) {
        try {
            String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (first.isEmpty()) {
                problems.add(s.at(key), s.keyPath(key), "the first line of " + file + " is empty; write the " + what
                        + " there");
                return Optional.empty();
            }
            return Optional.of(first);
        } catch (NoSuchFileException e) {
            problems.add(s.at(key), s.keyPath(key), "file not found: " + file);
        } catch (IOException | SecurityException e) {
            problems.add(s.at(key), s.keyPath(key), "cannot read " + file + ": " + e.getMessage()
                    + " (the user phoneprov runs as must be able to read it)");
        }
        return Optional.empty();
    }
}
