package org.phoneprov.tftpd.server;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.FileKind;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;

/** Files by name, names refused by name, devices by address; it remembers what it was asked. */
final class FakeFiles implements FileResolver {
    final List<String> asked = new ArrayList<>();
    private final Map<String, ServedFile> files = new HashMap<>();
    private final Map<String, String> rejected = new HashMap<>();
    private final Map<InetAddress, Mac> devices = new HashMap<>();

    static ServedFile.Generated generated(String name, String content, Optional<Mac> device) {
        return new ServedFile.Generated(name, content.getBytes(StandardCharsets.ISO_8859_1), "\"e\"", 0L,
                "text/plain", device, device.isPresent() ? FileKind.MAC_CONFIG : FileKind.INF);
    }

    /** A static file whose path does not exist: reading it fails. */
    static ServedFile.Static unreadable(String name) {
        return new ServedFile.Static(name, Path.of("/nonexistent/phoneprov-test", name), 10, "\"e\"", 0L,
                "application/octet-stream");
    }

    FakeFiles serve(ServedFile file) {
        files.put(file.name(), file);
        return this;
    }

    FakeFiles reject(String name, String reason) {
        rejected.put(name, reason);
        return this;
    }

    FakeFiles device(InetAddress at, Mac mac) {
        devices.put(at, mac);
        return this;
    }

    @Override
    public Lookup resolve(String name, Transport transport) {
        asked.add(transport + " " + name);
        return lookup(name, files.get(name));
    }

    @Override
    public Lookup resolveIgnoringCase(String name, Transport transport) {
        asked.add(transport + " ignoring case " + name);
        return lookup(name, files.values().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst()
                .orElse(null));
    }

    private Lookup lookup(String name, ServedFile found) {
        if (rejected.containsKey(name)) {
            return new Lookup.Rejected(name, rejected.get(name));
        }
        return found == null ? new Lookup.NotFound(name.toLowerCase(Locale.ROOT)) : new Lookup.Found(found);
    }

    @Override
    public Optional<Mac> deviceAt(InetAddress client) {
        return Optional.ofNullable(devices.get(client));
    }
}
