package org.phoneprov.cli.cert;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small private PKI for provisioning: a CA, a server certificate and client
 * certificates for phones, made with Bouncy Castle. RSA 2048 with SHA-256 throughout:
 * what the oldest phone TLS stacks accept, and still sound.
 */
public final class Pki {
    /** The CA lives ten years: phones keep it in flash and are rarely re-provisioned with a new one. */
    public static final Duration CA_LIFETIME = Duration.ofDays(3650);
    /** Tolerates a phone or a server whose clock is a little behind. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    /** A key and the certificate made for it. */
    public record Issued(KeyPair keys, X509Certificate cert) {
        public PrivateKey key() {
            return keys.getPrivate();
        }
    }

    /** Where a server certificate is valid: DNS names and IP addresses. */
    public record Names(List<String> hosts, List<InetAddress> addresses) {
        public Names {
            hosts = List.copyOf(hosts);
            addresses = List.copyOf(addresses);
        }

        boolean isEmpty() {
            return hosts.isEmpty() && addresses.isEmpty();
        }

        String first() {
            return hosts.isEmpty() ? addresses.get(0).getHostAddress() : hosts.get(0);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Instant now;

    public Pki(Instant now) {
        this.now = now;
    }

    public Issued ca(String commonName) throws GeneralSecurityException {
        KeyPair keys = rsa();
        X500Name subject = name(commonName);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), from(),
                    Date.from(now.plus(CA_LIFETIME)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new Issued(keys, sign(b, keys.getPrivate()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    public Issued server(Issued ca, Names names, Duration lifetime) throws GeneralSecurityException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs a host name or an address");
        }
        List<GeneralName> san = new ArrayList<>();
        names.hosts().forEach(h -> san.add(new GeneralName(GeneralName.dNSName, h)));
        names.addresses().forEach(a -> san.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress())));
        // Also clientAuth: a dhcpd HA node shows its server certificate to its partner (mutual TLS).
        return leaf(ca, names.first(), lifetime, KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
                new GeneralNames(san.toArray(GeneralName[]::new)));
    }

    /** A phone's certificate: its CN is what the admin named it (a MAC, a room). */
    public Issued client(Issued ca, String commonName, Duration lifetime) throws GeneralSecurityException {
        return leaf(ca, commonName, lifetime, KeyUsage.digitalSignature,
                new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null);
    }

    private Issued leaf(Issued ca, String commonName, Duration lifetime, int usage, KeyPurposeId[] purposes,
                        GeneralNames san) throws GeneralSecurityException {
        KeyPair keys = rsa();
        // Never outlive the CA: a chain is only as valid as its shortest link.
        Date until = Date.from(now.plus(lifetime).isBefore(ca.cert().getNotAfter().toInstant())
                ? now.plus(lifetime) : ca.cert().getNotAfter().toInstant());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(), serial(), from(), until,
                    name(commonName), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.cert()));
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            return new Issued(keys, sign(b, ca.key()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, random);
        return g.generateKeyPair();
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "phoneprov").addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** Positive and 127 bits of randomness, as RFC 5280 4.1.2.2 allows (at most 20 octets). */
    private BigInteger serial() {
        return new BigInteger(127, random).setBit(0);
    }

    private Date from() {
        return Date.from(now.minus(BACKDATE));
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey by) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(by)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
