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
        file("certs/server.pem", RSA_CERT);
        file("certs/server.key", RSA_KEY);
        file("certs/ca.pem", EC_CERT + RSA_CERT);
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
        file("rsa.pem", RSA_CERT);
        file("rsa1.key", RSA_PKCS1_KEY);
        file("ec.pem", EC_CERT);
        file("ec.key", EC_KEY);
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
        file("ec.pem", EC_CERT);
        file("ec.key", EC_KEY);
        String yaml = "httpd:\n  tls: {cert: ec.pem, key: ec.key}\n";
        assertEquals(load(yaml).config().orElseThrow().http(), load(yaml).config().orElseThrow().http());
    }

    @Test
    void brokenFilesAreLocatedErrors() throws Exception {
        Path cfg = dir.resolve("phoneprov.yaml");
        file("rsa.pem", RSA_CERT);
        file("ec.key", EC_KEY);
        file("notpem.pem", "just text\n");
        file("broken.pem", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        file("enc.key", ENCRYPTED_KEY);
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
        file("ec.pem", EC_CERT);
        file("ec.key", EC_KEY);
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

        file("ca.pem", EC_CERT);
        String none = errors("httpd:\n  tls: {cert: ec.pem, key: ec.key, client_ca: ca.pem, client_auth: none}\n");
        assertTrue(none.contains("httpd.tls.client_ca: has no effect with client_auth: none"), none);
        String word = errors("httpd:\n  tls: {cert: ec.pem, key: ec.key, client_ca: ca.pem, client_auth: always}\n");
        assertTrue(word.contains("httpd.tls.client_auth: 'always' is not one of none, optional, require"), word);
        assertTrue(load("httpd:\n  port: 443\n  tls: {cert: ec.pem, key: ec.key, port: 443, plain_http: false}\n")
                .isOk(), "one listener may take the port when plain HTTP is off");
    }

    @Test
    void pemParsingSkipsTextAroundBlocks() {
        assertEquals(2, HttpdReader.parsePem("subject=CN=x\n" + EC_KEY + "junk\n").orElseThrow().size(),
                "EC PARAMETERS and EC PRIVATE KEY");
        assertEquals(List.of(), HttpdReader.parsePem("").orElseThrow());
        assertTrue(HttpdReader.parsePem("-----BEGIN CERTIFICATE-----\nAAAA\n").isEmpty(), "no END line");
    }

    static final String RSA_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBALdc/l77H7fQch8v
            oKvRGJIcSI1XLfz5D4urD+hN4dyORBS7BIpYZHz6rrwa0XacQ61LzkBe/oA69HRA
            MNMexVgQR3hp2aaQ1hPMoplSsvUz2zN93CrBTjcZTBlloro6fMhOUD2p5L4YLNLi
            32iuo5VTIY+Hsynr3vxjN9uVRnVvAgMBAAECgYEAihrnmABKznaYTfbgbCir+fiF
            iLc98whf9hFchNqMIEOi8X4+mDilTyC8lP8Z/t0JeC/dY8xooYpF7n0eiRTnCvtK
            nj6OT8tvvErNP0Wsf95RMA5Cbl2SdLVpC7BPIeRRLX5LhqCRkn7QECVh5nn7gEwn
            u/J1jfZ8zS8p4IlP/KECQQDjqiJWwfLX+JipcwGsgXlugFFlSgErFYjb7F3FYGm3
            Hw00QWWykVD4BTY0sBks3y/4CVTfOiBC28ofxzHFgWWxAkEAzi9TxrIfKZS+rPOT
            jBjchEmjCfLDmTxN67uY1FSJvc4Gc2g5cRfxyeYYDfWpHbar7BJfkAr2QL+sNBVM
            VUW1HwJAbLTnMp/nUeKdGoQUr4cfMXlJ5GCC0Ey3DbP+Tmmr8Ml95462fZ5PmC38
            5QmU680iPYBPK0u47dO+3o+hn1oa8QJABKWSaMb45tIAXht7NswUpDKYpw++ksSG
            KQroTdi95fYvtQgjS0Yz3838usvPjOjiBQcA+lkU5a6sLdxRBRb2FwJARD3+OXEe
            9cInQyNB8qYj21HqoahK+GVTjBul/HphJX6QSPF4h5veHf8ICNWaYxodGj/H5QGt
            DBiKzBaGY1bk/w==
            -----END PRIVATE KEY-----
            """;

    static final String RSA_CERT = """
            -----BEGIN CERTIFICATE-----
            MIICBDCCAW2gAwIBAgIUSi4Az2APeDx1BTb/pub7t/AxW58wDQYJKoZIhvcNAQEL
            BQAwEzERMA8GA1UEAwwIcnNhLnRlc3QwIBcNMjYxMTIyMDUzMTM3WhgPMjEyNjEw
            MjkwNTMxMzdaMBMxETAPBgNVBAMMCHJzYS50ZXN0MIGfMA0GCSqGSIb3DQEBAQUA
            A4GNADCBiQKBgQC3XP5e+x+30HIfL6Cr0RiSHEiNVy38+Q+Lqw/oTeHcjkQUuwSK
            WGR8+q68GtF2nEOtS85AXv6AOvR0QDDTHsVYEEd4admmkNYTzKKZUrL1M9szfdwq
            wU43GUwZZaK6OnzITlA9qeS+GCzS4t9orqOVUyGPh7Mp6978YzfblUZ1bwIDAQAB
            o1MwUTAdBgNVHQ4EFgQU1R4RKpZU5nHxt8KIUok9Dc2ZvNowHwYDVR0jBBgwFoAU
            1R4RKpZU5nHxt8KIUok9Dc2ZvNowDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0B
            AQsFAAOBgQB2usLSkQNOtrv/ALtX2a4u3RXb9+a3c4qVH9+BzkQVB1qjy2IsLtcd
            bJLzkG1oVehe9v58Jtxd8lg4fdYdeyl/Z6i6/VrsY1VQIN5LfiEDqfCDmifxEFXu
            Mqm7cZR7uRf2zqm1sp1GLODzSf8zCBpWJuec5UdCoi+Ya/VijKcsoA==
            -----END CERTIFICATE-----
            """;

    static final String RSA_PKCS1_KEY = """
            -----BEGIN RSA PRIVATE KEY-----
            MIICXAIBAAKBgQC3XP5e+x+30HIfL6Cr0RiSHEiNVy38+Q+Lqw/oTeHcjkQUuwSK
            WGR8+q68GtF2nEOtS85AXv6AOvR0QDDTHsVYEEd4admmkNYTzKKZUrL1M9szfdwq
            wU43GUwZZaK6OnzITlA9qeS+GCzS4t9orqOVUyGPh7Mp6978YzfblUZ1bwIDAQAB
            AoGBAIoa55gASs52mE324Gwoq/n4hYi3PfMIX/YRXITajCBDovF+Ppg4pU8gvJT/
            Gf7dCXgv3WPMaKGKRe59HokU5wr7Sp4+jk/Lb7xKzT9FrH/eUTAOQm5dknS1aQuw
            TyHkUS1+S4agkZJ+0BAlYeZ5+4BMJ7vydY32fM0vKeCJT/yhAkEA46oiVsHy1/iY
            qXMBrIF5boBRZUoBKxWI2+xdxWBptx8NNEFlspFQ+AU2NLAZLN8v+AlU3zogQtvK
            H8cxxYFlsQJBAM4vU8ayHymUvqzzk4wY3IRJownyw5k8Teu7mNRUib3OBnNoOXEX
            8cnmGA31qR22q+wSX5AK9kC/rDQVTFVFtR8CQGy05zKf51HinRqEFK+HHzF5SeRg
            gtBMtw2z/k5pq/DJfeeOtn2eT5gt/OUJlOvNIj2ATytLuO3Tvt6PoZ9aGvECQASl
            kmjG+ObSAF4bezbMFKQymKcPvpLEhikK6E3YveX2L7UII0tGM9/N/LrLz4zo4gUH
            APpZFOWurC3cUQUW9hcCQEQ9/jlxHvXCJ0MjQfKmI9tR6qGoSvhlU4wbpfx6YSV+
            kEjxeIeb3h3/CAjVmmMaHRo/x+UBrQwYiswWhmNW5P8=
            -----END RSA PRIVATE KEY-----
            """;

    static final String EC_KEY = """
            -----BEGIN EC PARAMETERS-----
            BggqhkjOPQMBBw==
            -----END EC PARAMETERS-----
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIO9PXLPLxVPAIOeT60qhfFai4o3dtuF/hr8EpXRaLaNIoAoGCCqGSM49
            AwEHoUQDQgAEpVieqREeDlm+wMvFufUWg61CaimtjukYehYCdjCDdDiICCOQqULJ
            ntvJqOQodZ34Nd24KmqoB7i/ImnK8qXJEg==
            -----END EC PRIVATE KEY-----
            """;

    static final String EC_CERT = """
            -----BEGIN CERTIFICATE-----
            MIIBejCCASGgAwIBAgIUK9WnolGmSdM/9fr461zFolunkQEwCgYIKoZIzj0EAwIw
            EjEQMA4GA1UEAwwHZWMudGVzdDAgFw0yNjExMjIwNTMxMzdaGA8yMTI2MTAyOTA1
            MzEzN1owEjEQMA4GA1UEAwwHZWMudGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEH
            A0IABKVYnqkRHg5ZvsDLxbn1FoOtQmoprY7pGHoWAnYwg3Q4iAgjkKlCyZ7byajk
            KHWd+DXduCpqqAe4vyJpyvKlyRKjUzBRMB0GA1UdDgQWBBSGseQwrFglhy63YE6z
            QplupgZHwTAfBgNVHSMEGDAWgBSGseQwrFglhy63YE6zQplupgZHwTAPBgNVHRMB
            Af8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIDkYlb3GRuzeLF6ukdgiLMGG+A4X
            NdXI3HmsK/PgdO4AAiBCylNmkjI6i80REMon+yi40K/vTyVjYkY8PeIfv81ZMg==
            -----END CERTIFICATE-----
            """;

    static final String ENCRYPTED_KEY = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAj1WZYws0IF8wICCAAw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEENQa9YnBSi9yeJghFXYB6noEgZBo
            Xml8wFA3KZDUTiUMYSVKyxd9QA0N/xAYvnuAwCcS6lW6ANdHLaiI9zbrioL4HeAi
            M0hxr3138AwZHimHBqJ+jV2hNyaACs0r8LlIxtJhR7s1/jhzN0sISsmPPC0nIVGc
            JVIoW8ZlzJUx+Dkot2njvTvIXeGtgCyLnCTWx8xVO7IvB1mhhPL0EsnYrFDongY=
            -----END ENCRYPTED PRIVATE KEY-----
            """;
}
