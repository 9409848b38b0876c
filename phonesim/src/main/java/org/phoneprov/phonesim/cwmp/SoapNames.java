package org.phoneprov.phonesim.cwmp;

import java.util.List;

/**
 * The namespaces of a CWMP envelope (TR-069 Amendment 6, 3.5 and A.2): SOAP 1.1's envelope
 * and encoding, XML Schema's types, and one {@code urn:dslforum-org:cwmp-1-N} per CWMP
 * version, 1-0 (Issue 1) to 1-4 (Amendments 5 and 6: CWMP Version 1.4).
 */
final class SoapNames {
    static final String ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String CWMP_PREFIX = "urn:dslforum-org:cwmp-1-";
    /** The newest this CPE speaks; its Inform names every version it supports (3.7.4 version negotiation). */
    static final String CWMP_1_4 = CWMP_PREFIX + "4";
    static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3", "1.4");

    private SoapNames() {
    }

    static boolean cwmp(String namespace) {
        return namespace != null && namespace.startsWith(CWMP_PREFIX)
                && VERSIONS.contains("1." + namespace.substring(CWMP_PREFIX.length()));
    }
}
