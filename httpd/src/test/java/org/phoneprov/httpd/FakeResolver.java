package org.phoneprov.httpd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.FileKind;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;

/** A resolver over a fixed map of names; "/secret" is rejected the way a real resolver would. */
final class FakeResolver implements FileResolver {
    static final Mac MAC = Mac.parse("00:0e:50:11:22:33").orElseThrow();
    static final String MAC_CONFIG = "/ST2030S_000E50112233.txt";
    static final byte[] CONFIG_BYTES = "[sys]\nConfig_sn=42\nhello provisioning world\n".getBytes(StandardCharsets.US_ASCII);
    static final String ETAG = "\"cfg-42\"";
    static final long MODIFIED = 1_700_000_000_000L;

    private final Map<String, ServedFile> files;

    FakeResolver(Path staticFile) {
        this.files = Map.of(
                MAC_CONFIG, new ServedFile.Generated(MAC_CONFIG, CONFIG_BYTES, ETAG, MODIFIED, "text/plain",
                        Optional.of(MAC), FileKind.MAC_CONFIG),
                "/firmware.bin", new ServedFile.Static("/firmware.bin", staticFile, staticFile.toFile().length(),
                        "\"fw-1\"", MODIFIED, "application/octet-stream"));
    }

    @Override
    public Lookup resolve(String name, Transport transport) {
        if (transport != Transport.HTTP) {
            throw new AssertionError("httpd must ask for HTTP names");
        }
        if (name.startsWith("/secret")) {
            return new Lookup.Rejected(name, "symlink");
        }
        ServedFile f = files.get(name);
        return f == null ? new Lookup.NotFound(name) : new Lookup.Found(f);
    }
}
