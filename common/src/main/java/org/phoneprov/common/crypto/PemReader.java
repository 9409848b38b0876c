package org.phoneprov.common.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Certificates and private keys from PEM files, with the JDK alone, so that the config
 * check (common has no Bouncy Castle) and {@code phoneprov cert} read keys the same way.
 * Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code phoneprov cert init} and OpenSSL 3
 * write), PKCS#1 RSA and SEC1 EC; encrypted keys are refused (a daemon has no one to ask
 * for a pass phrase).
 */
public final class PemReader {
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "DSA"};

    private PemReader() {
    }

    /** Every certificate in the file, in file order (leaf first in a chain); at least one. */
    public static List<X509Certificate> certificates(Path file) throws PemException {
        List<PemBlock> blocks = blocks(file);
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (PemBlock b : blocks) {
                if (b.label().equals("CERTIFICATE") || b.label().equals("X509 CERTIFICATE")) {
                    out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PemException("not a valid certificate in " + file + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new PemException("no certificate in " + file + " (expected -----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /** The first private key in the file; an encrypted one is refused with the command that decrypts it. */
    public static PrivateKey privateKey(Path file) throws PemException {
        for (PemBlock b : blocks(file)) {
            if (b.encrypted() || b.label().equals("ENCRYPTED PRIVATE KEY")) {
                throw new PemException("the key in " + file + " is encrypted; httpd starts unattended, so give it"
                        + " unencrypted (openssl pkey -in KEY -out PLAIN.key) and mode 0600");
            }
            if (!b.label().equals("PRIVATE KEY") && !b.label().equals("RSA PRIVATE KEY")
                    && !b.label().equals("EC PRIVATE KEY")) {
                continue; // "EC PARAMETERS" and certificates may share the file
            }
            return decodeKey(b).orElseThrow(() -> new PemException("the " + b.label() + " in " + file
                    + " is not a valid RSA, EC, EdDSA or DSA key"));
        }
        throw new PemException("no private key in " + file + " (expected -----BEGIN PRIVATE KEY-----)");
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

    /** The blocks of a PEM file: at least one, or why not. */
    private static List<PemBlock> blocks(Path file) throws PemException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new PemException("file not found: " + file);
        } catch (IOException e) {
            throw new PemException("cannot read " + file + ": " + e.getMessage());
        }
        List<PemBlock> blocks = parse(text).orElseThrow(() -> new PemException("a PEM block in " + file
                + " is broken (bad base64 or no END line)"));
        if (blocks.isEmpty()) {
            throw new PemException(file + " is not a PEM file (no -----BEGIN ...----- line);"
                    + " a DER file converts with: openssl x509 -inform der -in FILE -out FILE.pem");
        }
        return blocks;
    }

    /** Empty when a block is broken; an empty list when there is no block at all. */
    public static Optional<List<PemBlock>> parse(String text) {
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
}
