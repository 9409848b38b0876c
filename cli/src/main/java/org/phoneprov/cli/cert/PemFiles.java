package org.phoneprov.cli.cert;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM files out (in: common's {@code PemReader}, which the config check uses too). A set of files is written all or nothing: every file is checked
 * first (nothing is overwritten without force), then each goes to a temporary file in
 * the same folder, created with its final mode (0600 for keys, so a key is never readable
 * by others, not even for a moment), and is renamed into place.
 */
public final class PemFiles {
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    /** The files to write, by name in the folder, in order. */
    private final Map<String, Entry> files = new LinkedHashMap<>();

    private record Entry(String pem, boolean secret) {
    }

    public PemFiles certificate(String name, X509Certificate cert) throws IOException {
        files.put(name, new Entry(pem(cert), false));
        return this;
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}): what the JDK, OpenSSL, curl and phoneprov's config all read. */
    public PemFiles key(String name, PrivateKey key) throws IOException {
        files.put(name, new Entry(pem(new JcaPKCS8Generator(key, null)), true));
        return this;
    }

    /** The files of this set that exist in {@code dir} already. */
    public List<Path> existing(Path dir) {
        List<Path> out = new ArrayList<>();
        for (String name : files.keySet()) {
            if (Files.exists(dir.resolve(name))) {
                out.add(dir.resolve(name));
            }
        }
        return out;
    }

    /** Writes every file; the caller has checked {@link #existing} unless it means to overwrite. */
    public List<Path> writeTo(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Entry> e : files.entrySet()) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(
                    e.getValue().secret() ? SECRET : PUBLIC);
            Path tmp = Files.createTempFile(dir, "." + e.getKey(), ".tmp", mode);
            try {
                Files.writeString(tmp, e.getValue().pem(), StandardCharsets.US_ASCII);
                Path target = dir.resolve(e.getKey());
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return written;
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
