package org.phoneprov.common.config;

import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code acsd:} section, the TR-069 ACS:
 * <pre>
 * acsd:
 *   enabled: true
 *   bind: 0.0.0.0
 *   port: 7547                      # the CWMP port IANA lists for TR-069
 *   tls: {cert: tls/acs.crt, key: tls/acs.key}
 *   periodic_inform_interval: 3600  # seconds
 *   max_envelope_bytes: 262144
 *   realm: phoneprov-acs
 * </pre>
 * A CPE proves itself with its inventory entry's {@code http_user}/{@code http_password}
 * (its ManagementServer.Username/Password); see acsd's {@code CpeAuth}.
 */
public final class AcsdReader implements SectionReader<AcsdSettings> {
    public static final AcsdReader SECTION = new AcsdReader();
    private static final Set<String> KEYS = Set.of("tls", "periodic_inform_interval", "max_envelope_bytes", "realm");

    private AcsdReader() {
    }

    @Override
    public String name() {
        return "acsd";
    }

    @Override
    public int defaultPort() {
        return AcsdSettings.DEFAULT_PORT;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public AcsdSettings read(Optional<MapView> section, SectionContext context) {
        AcsdSettings d = AcsdSettings.defaults();
        if (section.isEmpty()) {
            return d;
        }
        MapView a = section.get();
        Optional<ServerKeys> tls = a.map("tls").flatMap(t -> {
            t.allowOnly("cert", "key");
            return ServerKeys.read(t, context.base());
        });
        // ManagementServer.PeriodicInformInterval is an unsignedInt[1:] (TR-098/TR-181); under 30 s is a flood.
        int periodic = a.integer("periodic_inform_interval", d.periodicInformSeconds(), 30, 7 * 86_400);
        int max = a.integer("max_envelope_bytes", d.maxEnvelopeBytes(), 4096, 16 * 1024 * 1024);
        String realm = a.string("realm", d.realm());
        if (realm.isEmpty() || !realm.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
            context.problems().add(a.at("realm"), a.keyPath("realm"), "a realm is printable ASCII without '\"' or '\\'");
        }
        return new AcsdSettings(tls, periodic, max, realm);
    }
}
