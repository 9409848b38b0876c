package org.phoneprov.httpd;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.phoneprov.common.config.HttpdSettings;

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made in memory for TLS tests. */
final class TestPki {
    record Issued(PrivateKey key, X509Certificate cert) {
    }

    final Issued ca;
    final Issued server;
    final Issued client;
    /** Signed by another CA: what client_ca must refuse. */
    final Issued stranger;

    TestPki() throws Exception {
        ca = issue("CN=test CA", null, true, null, null);
        server = issue("CN=127.0.0.1", ca, false, KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        client = issue("CN=phone", ca, false, KeyPurposeId.id_kp_clientAuth, null);
        Issued otherCa = issue("CN=other CA", null, true, null, null);
        stranger = issue("CN=stranger", otherCa, false, KeyPurposeId.id_kp_clientAuth, null);
    }

    HttpdSettings.Tls tls(HttpdSettings.ClientAuth auth, boolean plainHttp) {
        return new HttpdSettings.Tls(0, java.nio.file.Path.of("server.pem"), java.nio.file.Path.of("server.key"),
                auth == HttpdSettings.ClientAuth.NONE ? Optional.empty() : Optional.of(java.nio.file.Path.of("ca.pem")),
                auth, plainHttp, List.of(server.cert()), server.key(),
                auth == HttpdSettings.ClientAuth.NONE ? List.of() : List.of(ca.cert()));
    }

    /** A client context trusting our CA, showing {@code identity} when non-null. */
    SSLContext clientContext(Issued identity, boolean trustCa) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        if (trustCa) {
            trust.setCertificateEntry("ca", ca.cert());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (identity != null) {
            keys.setKeyEntry("me", identity.key(), new char[0], new X509Certificate[] {identity.cert()});
        }
        kmf.init(keys, new char[0]);
        javax.net.ssl.X509KeyManager km = (javax.net.ssl.X509KeyManager) kmf.getKeyManagers()[0];
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[] {identity == null ? km : new ShowAnyway(km)}, tmf.getTrustManagers(),
                null);
        return ctx;
    }

    /**
     * Offers our certificate even when the server asks for another CA's: a JDK client would
     * otherwise stay silent, and the test would not see a wrong certificate refused.
     */
    private static final class ShowAnyway extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509KeyManager keys;

        ShowAnyway(javax.net.ssl.X509KeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return "me";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                                              javax.net.ssl.SSLEngine e) {
            return "me";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"me"};
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return null;
        }
    }

    private static Issued issue(String subject, Issued by, boolean isCa, KeyPurposeId purpose, GeneralNames san)
            throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair keys = g.generateKeyPair();
        long now = System.currentTimeMillis();
        X500Name issuer = by == null ? new X500Name(subject) : new X500Name(by.cert().getSubjectX500Principal().getName());
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now),
                new Date(now - 3_600_000), new Date(now + 86_400_000), new X500Name(subject), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (purpose != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (san != null) {
            b.addExtension(Extension.subjectAlternativeName, false, san);
        }
        PrivateKey signer = by == null ? keys.getPrivate() : by.key();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        return new Issued(keys.getPrivate(), cert);
    }
}
