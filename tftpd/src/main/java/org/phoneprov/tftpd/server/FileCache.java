package org.phoneprov.tftpd.server;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phoneprov.common.provision.ServedFile;

/**
 * File contents read once and shared, read-only, by every transfer of the same file: a
 * power cut makes hundreds of phones fetch the same firmware at once. Generated files
 * are already in memory; static ones are read from disk and kept while they are
 * unchanged (size and modification time), least recently used out past a byte budget.
 */
final class FileCache {
    private final long budgetBytes;
    private long heldBytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);

    FileCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    byte[] content(ServedFile file) throws IOException {
        if (file instanceof ServedFile.Generated g) {
            return g.bytes();
        }
        ServedFile.Static s = (ServedFile.Static) file;
        String key = s.path() + "|" + s.length() + "|" + s.lastModified();
        synchronized (this) {
            byte[] hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        byte[] read = Files.readAllBytes(s.path());
        synchronized (this) {
            if (read.length <= budgetBytes && entries.putIfAbsent(key, read) == null) {
                heldBytes += read.length;
                evict();
            }
            return entries.getOrDefault(key, read);
        }
    }

    private void evict() {
        var it = entries.entrySet().iterator();
        while (heldBytes > budgetBytes && it.hasNext()) {
            Map.Entry<String, byte[]> e = it.next();
            heldBytes -= e.getValue().length;
            it.remove();
        }
    }
}
