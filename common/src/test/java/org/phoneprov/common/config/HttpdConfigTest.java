package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.crypto.PemFixtures;

/** httpd's tls: and access: keys: what loads, and every broken file or value as a located error. */
class HttpdConfigTest {
    private static final String HEAD = """
            suite:
              address: 192.0.2.10
            paths:
              files: files
              state: state
            """;

    @TempDir
    Path dir;

    private LoadResult load(String httpd) throws Exception {
        return ConfigLoader.load(TestConfigs.write(dir, HEAD + httpd));
    }

    private String errors(String httpd) throws Exception {
        LoadResult r = load(httpd);
        assertFalse(r.isOk(), "expected errors");
        return String.join("\n", r.problems().stream().map(Problem::toString).toList());
    }

    private void file(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void noSectionMeansPlainHttpAndNoChecks() throws Exception {
        LoadResult r = ConfigLoader.load(TestConfigs.write(dir, HEAD));
        assertTrue(r.isOk(), r.problems().toString());
        HttpdSettings h = r.config().orElseThrow().http();
        assertEquals(HttpdSettings.defaults(), h);
        assertTrue(h.plainHttp());
        assertFalse(h.access().digest() || h.access().leaseBinding() || h.access().probeLimit().isPresent());
    }

    @Test
    void tlsAndAccessLoadWithPathsRelativeToTheConfig() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        file("certs/server.pem", PemFixtures.RSA_CERT);
        file("certs/server.key", PemFixtures.RSA_KEY);
        file("certs/ca.pem", PemFixtures.EC_CERT + PemFixtures.RSA_CERT);
        LoadResult r = load("""
                httpd:
                  port: 8080
                  tls:
                    port: 8443
                    cert: certs/server.pem
                    key: certs/server.key
                    client_ca: certs/ca.pem
                    plain_http: false
                  access:
                    digest: true
                    realm: office phones
                    algorithms: [md5, SHA-256]
                    nonce_seconds: 60
                    lease_binding: true
                    probe_limit: {not_found: 5, per_seconds: 10}
                """);
        assertTrue(r.isOk(), r.problems().toString());
        HttpdSettings h = r.config().orElseThrow().http();
        HttpdSettings.Tls tls = h.tls().orElseThrow();
        assertEquals(8443, tls.port());
        assertFalse(h.plainHttp());
        assertEquals(dir.resolve("certs/server.pem"), tls.certPath());
        assertEquals("CN=rsa.test", tls.chain().get(0).getSubjectX500Principal().getName());
        assertEquals("RSA", tls.key().getAlgorithm());
        assertEquals(2, tls.clientCas().size());
        assertEquals(HttpdSettings.ClientAuth.REQUIRE, tls.clientAuth(), "a client CA without client_auth requires");
        assertFalse(tls.toString().contains(tls.key().toString()), "no key material in toString");
        HttpdSettings.Access a = h.access();
        assertEquals(new HttpdSettings.Access(true, "office phones", List.of("MD5", "SHA-256"), 60, true,
                Optional.of(new HttpdSettings.ProbeLimit(5, 10, 300, 10_000))), a);
    }

    @Test
    void traditionalKeyFormsLoadAndProbeLimitTrueTakesTheDefaults() throws Exception {
        file("rsa.pem", PemFixtures.RSA_CERT);
        file("rsa1.key", PemFixtures.RSA_PKCS1_KEY);
        file("ec.pem", PemFixtures.EC_CERT);
        file("ec.key", PemFixtures.EC_KEY);
        for (String pair : new String[] {"{cert: rsa.pem, key: rsa1.key}", "{cert: ec.pem, key: ec.key}"}) {
            LoadResult r = load("httpd:\n  tls: " + pair + "\n  access: {probe_limit: true}\n");
            assertTrue(r.isOk(), pair + ": " + r.problems());
            HttpdSettings h = r.config().orElseThrow().http();
            assertEquals(443, h.tls().orElseThrow().port());
            assertTrue(h.plainHttp());
            assertEquals(HttpdSettings.ClientAuth.NONE, h.tls().orElseThrow().clientAuth());
            assertEquals(Optional.of(HttpdSettings.ProbeLimit.DEFAULT), h.access().probeLimit());
        }
        assertEquals(Optional.empty(), load("httpd:\n  access: {probe_limit: false}\n").config().orElseThrow()
                .http().access().probeLimit());
    }

    @Test
    void twoLoadsOfTheSameFilesAreEqualSoAReloadSeesNoChange() throws Exception {
        file("ec.pem", PemFixtures.EC_CERT);
        file("ec.key", PemFixtures.EC_KEY);
        String yaml = "httpd:\n  tls: {cert: ec.pem, key: ec.key}\n";
        assertEquals(load(yaml).config().orElseThrow().http(), load(yaml).config().orElseThrow().http());
    }

    @Test
    void brokenFilesAreLocatedErrors() throws Exception {
        Path cfg = dir.resolve("phoneprov.yaml");
        file("rsa.pem", PemFixtures.RSA_CERT);
        file("ec.key", PemFixtures.EC_KEY);
        file("notpem.pem", "just text\n");
        file("broken.pem", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        file("enc.key", PemFixtures.ENCRYPTED_KEY);
        String missing = errors("httpd:\n  tls:\n    cert: nope.pem\n    key: ec.key\n");
        assertTrue(missing.contains(cfg + ":8:11: httpd.tls.cert: file not found: " + dir.resolve("nope.pem")), missing);
        String notPem = errors("httpd:\n  tls:\n    cert: notpem.pem\n    key: ec.key\n");
        assertTrue(notPem.contains("httpd.tls.cert: " + dir.resolve("notpem.pem") + " is not a PEM file"), notPem);
        String broken = errors("httpd:\n  tls:\n    cert: broken.pem\n    key: ec.key\n");
        assertTrue(broken.contains("httpd.tls.cert: a PEM block in " + dir.resolve("broken.pem") + " is broken"), broken);
        String noKey = errors("httpd:\n  tls:\n    cert: rsa.pem\n    key: rsa.pem\n");
        assertTrue(noKey.contains(cfg + ":9:10: httpd.tls.key: no private key in"), noKey);
        String mismatch = errors("httpd:\n  tls:\n    cert: rsa.pem\n    key: ec.key\n");
        assertTrue(mismatch.contains(cfg + ":9:10: httpd.tls.key: the key in " + dir.resolve("ec.key")
                + " does not belong to the certificate in " + dir.resolve("rsa.pem") + " (CN=rsa.test)"), mismatch);
        String encrypted = errors("httpd:\n  tls:\n    cert: rsa.pem\n    key: enc.key\n");
        assertTrue(encrypted.contains("httpd.tls.key: the key in " + dir.resolve("enc.key") + " is encrypted"),
                encrypted);
        String required = errors("httpd:\n  tls: {key: ec.key}\n");
        assertTrue(required.contains("httpd.tls.cert: missing; this key is required"), required);
    }

    @Test
    void badValuesAreLocatedErrors() throws Exception {
        Path cfg = dir.resolve("phoneprov.yaml");
        file("ec.pem", PemFixtures.EC_CERT);
        file("ec.key", PemFixtures.EC_KEY);
        String all = errors("""
                httpd:
                  port: 8443
                  tls:
                    port: 8443
                    cert: ec.pem
                    key: ec.key
                    client_auth: require
                  access:
                    digest: yes please
                    realm: "a \\"quoted\\" realm"
                    algorithms: [SHA-512]
                    nonce_seconds: 1
                    lease_bindings: true
                    probe_limit: {not_found: 0, window: 5}
                """);
        assertTrue(all.contains(cfg + ":9:11: httpd.tls.port: 8443 is httpd.port already"), all);
        assertTrue(all.contains(cfg + ":12:18: httpd.tls.client_auth: client_auth: require needs client_ca"), all);
        assertTrue(all.contains("httpd.access.digest: expected true or false"), all);
        assertTrue(all.contains("httpd.access.realm: a realm is printable ASCII"), all);
        assertTrue(all.contains("httpd.access.algorithms: 'SHA-512' is not a digest algorithm"), all);
        assertTrue(all.contains("httpd.access.nonce_seconds: must be between 10 and 86400"), all);
        assertTrue(all.contains("httpd.access.lease_bindings: unknown key (did you mean 'lease_binding'?)"), all);
        assertTrue(all.contains("httpd.access.probe_limit.not_found: must be between 1"), all);
        assertTrue(all.contains("httpd.access.probe_limit.window: unknown key"), all);

        file("ca.pem", PemFixtures.EC_CERT);
        String none = errors("httpd:\n  tls: {cert: ec.pem, key: ec.key, client_ca: ca.pem, client_auth: none}\n");
        assertTrue(none.contains("httpd.tls.client_ca: has no effect with client_auth: none"), none);
        String word = errors("httpd:\n  tls: {cert: ec.pem, key: ec.key, client_ca: ca.pem, client_auth: always}\n");
        assertTrue(word.contains("httpd.tls.client_auth: 'always' is not one of none, optional, require"), word);
        assertTrue(load("httpd:\n  port: 443\n  tls: {cert: ec.pem, key: ec.key, port: 443, plain_http: false}\n")
                .isOk(), "one listener may take the port when plain HTTP is off");
    }
}
