package org.phoneprov.common.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Node;

/**
 * Reads the {@code tls:}, {@code access:} and {@code limits:} keys of the {@code httpd:} section. Certificate
 * and key files are read and checked here, with the JDK alone (common has no Bouncy
 * Castle), so {@code check} names a missing, unreadable or mismatched file by its key.
 * Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code phoneprov cert init} and OpenSSL 3
 * write), PKCS#1 RSA and SEC1 EC; encrypted keys are refused (the daemon has no one to
 * ask for a pass phrase).
 */
public final class HttpdReader implements SectionReader<HttpdSettings> {
    public static final HttpdReader SECTION = new HttpdReader();
    static final String[] KEYS = {"tls", "access", "limits"};
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "DSA"};

    private HttpdReader() {
    }

    @Override
    public String name() {
        return "httpd";
    }

    @Override
    public int defaultPort() {
        return 80;
    }

    /** A config with phones and no daemon sections should still serve them. */
    @Override
    public boolean enabledWithoutSection() {
        return true;
    }

    @Override
    public java.util.Set<String> keys() {
        return java.util.Set.of(KEYS);
    }

    @Override
    public HttpdSettings read(Optional<MapView> section, SectionContext context) {
        return read(section, context.base(), context.listen(), context.problems());
    }

    static HttpdSettings read(Optional<MapView> section, Path base, DaemonConfig httpd, Problems problems) {
        if (section.isEmpty()) {
            return HttpdSettings.defaults();
        }
        MapView h = section.get();
        Optional<HttpdSettings.Tls> tls = h.map("tls").flatMap(t -> tls(t, base, httpd, problems));
        HttpdSettings.Access access = h.map("access").map(a -> access(a, problems)).orElse(HttpdSettings.Access.OFF);
        HttpdSettings.Limits limits = h.map("limits").map(HttpdReader::limits).orElse(HttpdSettings.Limits.DEFAULT);
        return new HttpdSettings(tls, access, limits);
    }

    private static HttpdSettings.Limits limits(MapView l) {
        l.allowOnly("request_head_seconds", "keepalive_seconds", "max_connections", "max_per_client");
        HttpdSettings.Limits d = HttpdSettings.Limits.DEFAULT;
        int head = l.integer("request_head_seconds", d.requestHeadSeconds(), 1, 3600);
        int keepalive = l.integer("keepalive_seconds", Math.min(d.keepaliveSeconds(), head), 1, 3600);
        int total = l.integer("max_connections", d.maxConnections(), 1, 1_000_000);
        int perClient = l.integer("max_per_client", Math.min(d.maxPerClient(), total), 1, 1_000_000);
        if (keepalive > head) {
            // Both count from the end of a response: a longer keep-alive would be cut by the head
            // deadline anyway, for any client that starts its next request late.
            l.problems().add(l.at("keepalive_seconds"), l.keyPath("keepalive_seconds"), keepalive + " is longer than"
                    + " request_head_seconds (" + head + "); a next request must be complete within"
                    + " request_head_seconds of the previous response, so raise request_head_seconds or lower this");
        }
        if (perClient > total) {
            l.problems().add(l.at("max_per_client"), l.keyPath("max_per_client"), perClient + " is more than"
                    + " max_connections (" + total + "); one address could take every connection");
        }
        return new HttpdSettings.Limits(head, keepalive, total, perClient);
    }

    private static Optional<HttpdSettings.Tls> tls(MapView t, Path base, DaemonConfig httpd, Problems problems) {
        t.allowOnly("port", "cert", "key", "client_ca", "client_auth", "plain_http");
        int port = t.integer("port", 443, 1, 65535);
        boolean plain = t.bool("plain_http", true);
        if (plain && port == httpd.port()) {
            problems.add(t.at("port"), t.keyPath("port"), port + " is httpd.port already; the plain and the HTTPS"
                    + " listener need different ports (or say plain_http: false)");
        }
        Optional<String> caName = t.string("client_ca");
        HttpdSettings.ClientAuth auth = clientAuth(t, caName.isPresent());
        Optional<Path> certPath = t.requiredString("cert").map(n -> base.resolve(n).normalize());
        Optional<Path> keyPath = t.requiredString("key").map(n -> base.resolve(n).normalize());
        Optional<Path> caPath = caName.map(n -> base.resolve(n).normalize());
        List<X509Certificate> chain = certPath.map(p -> certificates(p, t, "cert")).orElse(List.of());
        Optional<PrivateKey> key = keyPath.flatMap(p -> privateKey(p, t));
        List<X509Certificate> cas = caPath.map(p -> certificates(p, t, "client_ca")).orElse(List.of());
        if (chain.isEmpty() || key.isEmpty() || (caPath.isPresent() && cas.isEmpty())) {
            return Optional.empty(); // the problem is recorded already
        }
        if (!belongTogether(key.get(), chain.get(0).getPublicKey())) {
            problems.add(t.at("key"), t.keyPath("key"), "the key in " + keyPath.get() + " does not belong to the"
                    + " certificate in " + certPath.get() + " (" + chain.get(0).getSubjectX500Principal().getName()
                    + "); give the key that certificate was made for");
            return Optional.empty();
        }
        return Optional.of(new HttpdSettings.Tls(port, certPath.get(), keyPath.get(), caPath, auth, plain, chain,
                key.get(), cas));
    }

    /** Default: require when a client CA is named, none otherwise; asking without a CA is an error. */
    private static HttpdSettings.ClientAuth clientAuth(MapView t, boolean haveCa) {
        Optional<String> word = t.string("client_auth");
        if (word.isEmpty()) {
            return haveCa ? HttpdSettings.ClientAuth.REQUIRE : HttpdSettings.ClientAuth.NONE;
        }
        HttpdSettings.ClientAuth auth;
        try {
            auth = HttpdSettings.ClientAuth.valueOf(word.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            t.problems().add(t.at("client_auth"), t.keyPath("client_auth"), "'" + word.get()
                    + "' is not one of none, optional, require");
            return HttpdSettings.ClientAuth.NONE;
        }
        if (auth != HttpdSettings.ClientAuth.NONE && !haveCa) {
            t.problems().add(t.at("client_auth"), t.keyPath("client_auth"), "client_auth: " + word.get()
                    + " needs client_ca, the CA that signs the phones' certificates");
        } else if (auth == HttpdSettings.ClientAuth.NONE && haveCa) {
            t.problems().add(t.at("client_ca"), t.keyPath("client_ca"), "has no effect with client_auth: none;"
                    + " remove it, or say client_auth: optional or require");
        }
        return auth;
    }

    private static HttpdSettings.Access access(MapView a, Problems problems) {
        a.allowOnly("digest", "realm", "algorithms", "nonce_seconds", "lease_binding", "probe_limit");
        HttpdSettings.Access d = HttpdSettings.Access.OFF;
        String realm = a.string("realm", d.realm());
        if (realm.isEmpty() || !realm.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
            problems.add(a.at("realm"), a.keyPath("realm"), "a realm is printable ASCII without '\"' or '\\'");
        }
        List<String> algorithms = a.has("algorithms") ? algorithms(a, problems) : d.algorithms();
        return new HttpdSettings.Access(a.bool("digest", d.digest()), realm, algorithms,
                a.integer("nonce_seconds", d.nonceSeconds(), 10, 86_400), a.bool("lease_binding", d.leaseBinding()),
                probeLimit(a));
    }

    private static List<String> algorithms(MapView a, Problems problems) {
        List<String> out = new ArrayList<>();
        for (String s : a.strings("algorithms")) {
            String alg = s.toUpperCase(Locale.ROOT);
            if (!alg.equals("MD5") && !alg.equals("SHA-256")) {
                problems.add(a.at("algorithms"), a.keyPath("algorithms"), "'" + s + "' is not a digest algorithm"
                        + " httpd offers; say SHA-256 and/or MD5");
            } else if (!out.contains(alg)) {
                out.add(alg);
            }
        }
        if (out.isEmpty()) {
            problems.add(a.at("algorithms"), a.keyPath("algorithms"), "name at least one of SHA-256, MD5");
            return HttpdSettings.Access.OFF.algorithms();
        }
        return out;
    }

    /** {@code probe_limit: true} takes the defaults, {@code false} or no key is off, a mapping is on. */
    private static Optional<HttpdSettings.ProbeLimit> probeLimit(MapView a) {
        Optional<Node> n = a.node("probe_limit");
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarNode.Kind.BOOLEAN) {
            return a.bool("probe_limit", false) ? Optional.of(HttpdSettings.ProbeLimit.DEFAULT) : Optional.empty();
        }
        return a.map("probe_limit").map(p -> {
            p.allowOnly("not_found", "per_seconds", "block_seconds", "max_clients");
            HttpdSettings.ProbeLimit d = HttpdSettings.ProbeLimit.DEFAULT;
            return new HttpdSettings.ProbeLimit(p.integer("not_found", d.notFound(), 1, 1_000_000),
                    p.integer("per_seconds", d.perSeconds(), 1, 86_400),
                    p.integer("block_seconds", d.blockSeconds(), 1, 604_800),
                    p.integer("max_clients", d.maxClients(), 16, 10_000_000));
        });
    }

    /** Every certificate in a PEM file, in file order; none (and a problem) when there is none. */
    private static List<X509Certificate> certificates(Path file, MapView t, String key) {
        List<PemBlock> blocks = pem(file, t, key);
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (PemBlock b : blocks) {
                if (b.label().equals("CERTIFICATE") || b.label().equals("X509 CERTIFICATE")) {
                    out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            t.problems().add(t.at(key), t.keyPath(key), "not a valid certificate in " + file + ": " + e.getMessage());
            return List.of();
        }
        if (out.isEmpty() && !blocks.isEmpty()) {
            t.problems().add(t.at(key), t.keyPath(key), "no certificate in " + file
                    + " (expected -----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    private static Optional<PrivateKey> privateKey(Path file, MapView t) {
        for (PemBlock b : pem(file, t, "key")) {
            if (b.encrypted() || b.label().equals("ENCRYPTED PRIVATE KEY")) {
                t.problems().add(t.at("key"), t.keyPath("key"), "the key in " + file + " is encrypted; httpd starts"
                        + " unattended, so give it unencrypted (openssl pkey -in KEY -out PLAIN.key) and mode 0600");
                return Optional.empty();
            }
            if (!b.label().equals("PRIVATE KEY") && !b.label().equals("RSA PRIVATE KEY")
                    && !b.label().equals("EC PRIVATE KEY")) {
                continue; // "EC PARAMETERS" and certificates may share the file
            }
            Optional<PrivateKey> key = decodeKey(b);
            if (key.isPresent()) {
                return key;
            }
            t.problems().add(t.at("key"), t.keyPath("key"), "the " + b.label() + " in " + file
                    + " is not a valid RSA, EC, EdDSA or DSA key");
            return Optional.empty();
        }
        t.problems().add(t.at("key"), t.keyPath("key"), "no private key in " + file
                + " (expected -----BEGIN PRIVATE KEY-----)");
        return Optional.empty();
    }

    private static Optional<PrivateKey> decodeKey(PemBlock b) {
        byte[] pkcs8;
        try {
            pkcs8 = switch (b.label()) {
                case "RSA PRIVATE KEY" -> Der.rsaToPkcs8(b.der());
                case "EC PRIVATE KEY" -> Der.ecToPkcs8(b.der());
                default -> b.der();
            };
        } catch (RuntimeException e) {
            return Optional.empty(); // truncated or not DER
        }
        for (String alg : KEY_ALGORITHMS) {
            try {
                return Optional.of(KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm; try the next
            }
        }
        return Optional.empty();
    }

    /** Signs a probe with the key and verifies it with the certificate's public key. */
    static boolean belongTogether(PrivateKey key, PublicKey pub) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (alg == null) {
            return false;
        }
        byte[] probe = "phoneprov key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature sign = Signature.getInstance(alg);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(alg);
            verify.initVerify(pub);
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // another algorithm or another curve: not the same key pair
        }
    }

    /** One {@code -----BEGIN label-----} block; {@code encrypted} for OpenSSL's Proc-Type header form. */
    record PemBlock(String label, byte[] der, boolean encrypted) {
    }

    /** The blocks of a PEM file; none, with the problem recorded, when it is absent, unreadable or not PEM. */
    private static List<PemBlock> pem(Path file, MapView t, String key) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            t.problems().add(t.at(key), t.keyPath(key), "file not found: " + file);
            return List.of();
        } catch (IOException e) {
            t.problems().add(t.at(key), t.keyPath(key), "cannot read " + file + ": " + e.getMessage());
            return List.of();
        }
        Optional<List<PemBlock>> blocks = parsePem(text);
        if (blocks.isEmpty()) {
            t.problems().add(t.at(key), t.keyPath(key), "a PEM block in " + file + " is broken (bad base64 or"
                    + " no END line)");
            return List.of();
        }
        if (blocks.get().isEmpty()) {
            t.problems().add(t.at(key), t.keyPath(key), file + " is not a PEM file (no -----BEGIN ...----- line);"
                    + " a DER file converts with: openssl x509 -inform der -in FILE -out FILE.pem");
        }
        return blocks.get();
    }

    /** Empty when a block is broken; an empty list when there is no block at all. */
    static Optional<List<PemBlock>> parsePem(String text) {
        List<PemBlock> out = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (!line.startsWith("-----BEGIN ") || !line.endsWith("-----")) {
                continue;
            }
            String label = line.substring(11, line.length() - 5);
            StringBuilder body = new StringBuilder();
            boolean encrypted = false;
            int j = i + 1;
            for (; j < lines.length && !lines[j].trim().equals("-----END " + label + "-----"); j++) {
                String l = lines[j].trim();
                if (l.indexOf(':') >= 0) {
                    encrypted |= l.startsWith("Proc-Type:") && l.contains("ENCRYPTED");
                } else {
                    body.append(l);
                }
            }
            if (j == lines.length) {
                return Optional.empty();
            }
            try {
                out.add(new PemBlock(label, Base64.getDecoder().decode(body.toString()), encrypted));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            i = j;
        }
        return Optional.of(out);
    }

    /** Just enough DER to wrap the traditional OpenSSL key forms into PKCS#8 for the JDK. */
    static final class Der {
        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
                0x01};
        private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

        private Der() {
        }

        /** PKCS#1 RSAPrivateKey → PrivateKeyInfo with rsaEncryption. */
        static byte[] rsaToPkcs8(byte[] pkcs1) {
            return tlv(0x30, VERSION_0, RSA_ALGORITHM, tlv(0x04, pkcs1));
        }

        /** SEC1 ECPrivateKey → PrivateKeyInfo with id-ecPublicKey and the curve from its [0] field. */
        static byte[] ecToPkcs8(byte[] sec1) {
            byte[] curve = null;
            int[] seq = header(sec1, 0);
            for (int p = seq[0]; p < seq[0] + seq[1]; ) {
                int[] h = header(sec1, p);
                if ((sec1[p] & 0xff) == 0xa0) {
                    curve = java.util.Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
                }
                p = h[0] + h[1];
            }
            if (curve == null) {
                throw new IllegalArgumentException("no named curve"); // the JDK could not tell which
            }
            return tlv(0x30, VERSION_0, tlv(0x30, EC_PUBLIC_KEY_OID, curve), tlv(0x04, sec1));
        }

        /** {content start, content length} of the element at {@code at}. */
        private static int[] header(byte[] b, int at) {
            int len = b[at + 1] & 0xff;
            int start = at + 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[start + i] & 0xff);
                }
                start += n;
            }
            if (start + len > b.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            return new int[] {start, len};
        }

        private static byte[] tlv(int tag, byte[]... parts) {
            int len = 0;
            for (byte[] p : parts) {
                len += p.length;
            }
            byte[] lenBytes = len < 0x80 ? new byte[] {(byte) len}
                    : len < 0x100 ? new byte[] {(byte) 0x81, (byte) len}
                    : len < 0x10000 ? new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len}
                    : new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
            byte[] out = new byte[1 + lenBytes.length + len];
            out[0] = (byte) tag;
            System.arraycopy(lenBytes, 0, out, 1, lenBytes.length);
            int p = 1 + lenBytes.length;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, out, p, part.length);
                p += part.length;
            }
            return out;
        }
    }
}
