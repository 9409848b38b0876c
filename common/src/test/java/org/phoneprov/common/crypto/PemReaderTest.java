package org.phoneprov.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void parsingSkipsTextAroundBlocks() {
        assertEquals(2, PemReader.parse("subject=CN=x\n" + PemFixtures.EC_KEY + "junk\n").orElseThrow().size(),
                "EC PARAMETERS and EC PRIVATE KEY");
        assertEquals(List.of(), PemReader.parse("").orElseThrow());
        assertTrue(PemReader.parse("-----BEGIN CERTIFICATE-----\nAAAA\n").isEmpty(), "no END line");
        assertTrue(PemReader.parse("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n").isEmpty(),
                "bad base64");
    }

    @Test
    void everyKeyFormReadsAndMatchesItsCertificate() throws Exception {
        X509Certificate rsa = PemReader.certificates(file("rsa.pem", PemFixtures.RSA_CERT)).get(0);
        X509Certificate ec = PemReader.certificates(file("ec.pem", PemFixtures.EC_CERT)).get(0);
        PrivateKey pkcs8 = PemReader.privateKey(file("rsa.key", PemFixtures.RSA_KEY));
        PrivateKey pkcs1 = PemReader.privateKey(file("rsa1.key", PemFixtures.RSA_PKCS1_KEY));
        PrivateKey sec1 = PemReader.privateKey(file("ec.key", PemFixtures.EC_KEY));
        assertEquals("RSA", pkcs8.getAlgorithm());
        assertEquals("EC", sec1.getAlgorithm());
        assertTrue(KeyPairs.belongTogether(pkcs8, rsa.getPublicKey()));
        assertTrue(KeyPairs.belongTogether(sec1, ec.getPublicKey()));
        assertFalse(KeyPairs.belongTogether(sec1, rsa.getPublicKey()), "another algorithm");
        assertTrue(KeyPairs.belongTogether(pkcs1, rsa.getPublicKey()), "PKCS#1 and PKCS#8 forms of one key");
        assertFalse(KeyPairs.belongTogether(pkcs8, ec.getPublicKey()), "an RSA key is not the EC certificate's");
        assertEquals(2, PemReader.certificates(file("chain.pem", PemFixtures.EC_CERT + PemFixtures.RSA_CERT)).size());
    }

    @Test
    void whatCannotBeReadSaysWhyAndWhatToDo() throws Exception {
        assertEquals("file not found: " + dir.resolve("none.pem"),
                assertThrows(PemException.class, () -> PemReader.certificates(dir.resolve("none.pem"))).getMessage());
        Path der = dir.resolve("cert.der");
        Files.write(der, Base64.getMimeDecoder().decode(PemFixtures.RSA_CERT.replaceAll("-----[A-Z ]+-----", "")));
        assertTrue(assertThrows(PemException.class, () -> PemReader.certificates(der)).getMessage()
                .contains("openssl x509 -inform der"));
        assertTrue(assertThrows(PemException.class, () -> PemReader.privateKey(file("enc.key",
                PemFixtures.ENCRYPTED_KEY))).getMessage().contains("is encrypted"));
        assertTrue(assertThrows(PemException.class, () -> PemReader.privateKey(file("c.pem", PemFixtures.RSA_CERT)))
                .getMessage().startsWith("no private key in "));
        assertTrue(assertThrows(PemException.class, () -> PemReader.certificates(file("k.key", PemFixtures.RSA_KEY)))
                .getMessage().startsWith("no certificate in "));
        String truncated = "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8w\n-----END PRIVATE KEY-----\n";
        assertTrue(assertThrows(PemException.class, () -> PemReader.privateKey(file("t.key", truncated)))
                .getMessage().contains("is not a valid RSA, EC, EdDSA or DSA key"));
    }
}
