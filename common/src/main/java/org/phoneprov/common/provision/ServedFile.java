package org.phoneprov.common.provision;

import java.nio.file.Path;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;

/**
 * A file as a phone receives it, whatever the transport: rendered by the suite and
 * held in memory, or a static catalog file on disk.
 */
public sealed interface ServedFile permits ServedFile.Generated, ServedFile.Static {
    /** The canonical name, as the event log records it. */
    String name();

    long length();

    /** A strong entity tag, quoted, as HTTP sends it. */
    String etag();

    /** When this content last changed, in epoch milliseconds. */
    long lastModified();

    String contentType();

    /** The phone this file belongs to, when it is a per-device file. */
    Optional<Mac> device();

    /** What kind of file it is, for events and logs. */
    FileKind kind();

    record Generated(String name, byte[] bytes, String etag, long lastModified, String contentType,
                     Optional<Mac> device, FileKind kind) implements ServedFile {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    record Static(String name, Path path, long length, String etag, long lastModified, String contentType)
            implements ServedFile {
        @Override
        public Optional<Mac> device() {
            return Optional.empty();
        }

        @Override
        public FileKind kind() {
            return FileKind.STATIC;
        }
    }
}
