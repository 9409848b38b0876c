package org.phoneprov.common.config;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.crypto.KeyPairs;
import org.phoneprov.common.crypto.PemException;
import org.phoneprov.common.crypto.PemReader;

/**
 * A TLS server's certificate chain and key from a section's {@code cert:} and {@code key:}
 * (PEM files, relative to the config), read and checked at load: a broken file or a key of
 * another certificate is a located problem, never a failure at start. httpd's and the
 * management API's {@code tls:} read theirs here.
 *
 * @param chain the server certificate first, then any intermediates, as in the file
 */
public record ServerKeys(Path certPath, Path keyPath, List<X509Certificate> chain, PrivateKey key) {
    public ServerKeys {
        chain = List.copyOf(chain);
    }

    /** Reads {@code cert} and {@code key} of {@code t}; empty, with the problems recorded, when they do not serve. */
    public static Optional<ServerKeys> read(MapView t, Path base) {
        Optional<Path> certPath = t.requiredString("cert").map(n -> base.resolve(n).normalize());
        Optional<Path> keyPath = t.requiredString("key").map(n -> base.resolve(n).normalize());
        List<X509Certificate> chain = certPath.map(p -> certificates(p, t, "cert")).orElse(List.of());
        Optional<PrivateKey> key = keyPath.flatMap(p -> privateKey(p, t));
        if (chain.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        if (!KeyPairs.belongTogether(key.get(), chain.get(0).getPublicKey())) {
            t.problems().add(t.at("key"), t.keyPath("key"), "the key in " + keyPath.get() + " does not belong to the"
                    + " certificate in " + certPath.get() + " (" + chain.get(0).getSubjectX500Principal().getName()
                    + "); give the key that certificate was made for");
            return Optional.empty();
        }
        return Optional.of(new ServerKeys(certPath.get(), keyPath.get(), chain, key.get()));
    }

    /** Every certificate of a PEM file; none, with the problem at {@code key}, when it has none. */
    static List<X509Certificate> certificates(Path file, MapView t, String key) {
        try {
            return PemReader.certificates(file);
        } catch (PemException e) {
            t.problems().add(t.at(key), t.keyPath(key), e.getMessage());
            return List.of();
        }
    }

    private static Optional<PrivateKey> privateKey(Path file, MapView t) {
        try {
            return Optional.of(PemReader.privateKey(file));
        } catch (PemException e) {
            t.problems().add(t.at("key"), t.keyPath("key"), e.getMessage());
            return Optional.empty();
        }
    }

    /** Never print a key. */
    @Override
    public String toString() {
        return "ServerKeys[cert=" + certPath + ", key=" + keyPath + " (***)]";
    }
}
