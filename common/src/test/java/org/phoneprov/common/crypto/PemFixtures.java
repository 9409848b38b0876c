package org.phoneprov.common.crypto;

/** Keys and certificates made once with OpenSSL for tests; never used anywhere else. */
public final class PemFixtures {
    private PemFixtures() {
    }

    public static final String RSA_KEY = """
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

    public static final String RSA_CERT = """
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

    public static final String RSA_PKCS1_KEY = """
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

    public static final String EC_KEY = """
            -----BEGIN EC PARAMETERS-----
            BggqhkjOPQMBBw==
            -----END EC PARAMETERS-----
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIO9PXLPLxVPAIOeT60qhfFai4o3dtuF/hr8EpXRaLaNIoAoGCCqGSM49
            AwEHoUQDQgAEpVieqREeDlm+wMvFufUWg61CaimtjukYehYCdjCDdDiICCOQqULJ
            ntvJqOQodZ34Nd24KmqoB7i/ImnK8qXJEg==
            -----END EC PRIVATE KEY-----
            """;

    public static final String EC_CERT = """
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

    public static final String ENCRYPTED_KEY = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAj1WZYws0IF8wICCAAw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEENQa9YnBSi9yeJghFXYB6noEgZBo
            Xml8wFA3KZDUTiUMYSVKyxd9QA0N/xAYvnuAwCcS6lW6ANdHLaiI9zbrioL4HeAi
            M0hxr3138AwZHimHBqJ+jV2hNyaACs0r8LlIxtJhR7s1/jhzN0sISsmPPC0nIVGc
            JVIoW8ZlzJUx+Dkot2njvTvIXeGtgCyLnCTWx8xVO7IvB1mhhPL0EsnYrFDongY=
            -----END ENCRYPTED PRIVATE KEY-----
            """;
}
