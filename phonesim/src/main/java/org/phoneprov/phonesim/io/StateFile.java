package org.phoneprov.phonesim.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A simulated phone's state file replaced whole: written beside it, then renamed over it, so a
 * crash leaves the old state or the new one. Unlike the suite's {@code AtomicFile} it does not
 * fsync: a thousand phones saving in a boot storm must not each wait for the disk, and a lost
 * state only means a phone boots as new.
 */
public final class StateFile {
    private StateFile() {
    }

    public static void replace(Path target, ObjectMapper json, JsonNode content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            json.writeValue(tmp.toFile(), content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
