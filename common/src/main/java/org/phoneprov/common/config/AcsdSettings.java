package org.phoneprov.common.config;

import java.util.Optional;

/**
 * acsd's settings beyond where it listens: the TR-069 ACS (CWMP server) of the suite.
 *
 * @param tls                    HTTPS, when the section has {@code tls: {cert, key}}; then a CPE may
 *                               also authenticate with Basic (TR-069 Amendment 6, 3.4.4: Basic only
 *                               over TLS), while plain HTTP needs Digest
 * @param periodicInformSeconds  the ManagementServer.PeriodicInformInterval the ACS gives a CPE
 * @param maxEnvelopeBytes       the largest SOAP envelope one POST may carry; bigger is refused
 *                               (413) before any XML is read
 * @param realm                  the HTTP digest realm of the 401 challenges
 */
public record AcsdSettings(Optional<ServerKeys> tls, int periodicInformSeconds, int maxEnvelopeBytes, String realm) {
    public static final int DEFAULT_PORT = 7547;
    public static final int DEFAULT_PERIODIC_INFORM = 3600;
    public static final int DEFAULT_MAX_ENVELOPE = 256 * 1024;
    public static final String DEFAULT_REALM = "phoneprov-acs";

    public static AcsdSettings defaults() {
        return new AcsdSettings(Optional.empty(), DEFAULT_PERIODIC_INFORM, DEFAULT_MAX_ENVELOPE, DEFAULT_REALM);
    }
}
