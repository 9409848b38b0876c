package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Addresses;
import org.phoneprov.common.provision.Model;

class AccessGateTest {
    static final Mac A = Mac.parse("00:14:7F:77:00:01").orElseThrow();
    static final Mac B = Mac.parse("00:14:7F:77:00:02").orElseThrow();
    static final InetAddress AT_A = Addresses.parseLiteral("10.77.1.1").orElseThrow();
    static final InetAddress AT_B = Addresses.parseLiteral("10.77.1.2").orElseThrow();
    static final InetAddress NOWHERE = Addresses.parseLiteral("10.77.0.2").orElseThrow();
    static final Function<InetAddress, Optional<Mac>> WHO = a -> Optional.ofNullable(Map.of(AT_A, A, AT_B, B).get(a));
    private static final long T = 1_700_000_000_000L;

    private final DigestAuth digest = new DigestAuth(new Nonces(new byte[32]));
    private final AccessGate gate = new AccessGate(digest);

    static Device device(Mac mac, Optional<Device.HttpCredentials> http) {
        return new Device(mac, Model.ST2030S, Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.empty(),
                http, Optional.empty(), new Location(java.nio.file.Path.of("devices.yaml"), 1, 1));
    }

    static HttpdSettings.Access access(boolean digest, boolean lease) {
        return new HttpdSettings.Access(digest, "phoneprov", List.of("MD5"), 300, lease, Optional.empty());
    }

    private AccessGate.Verdict decide(HttpdSettings.Access a, InetAddress from, Optional<Device> d, String auth) {
        return gate.decide(a, new AccessGate.Ask(A, Optional.of(from), "GET", "/a.txt", auth), d, WHO, T);
    }

    @Test
    void leaseBindingAlone() {
        HttpdSettings.Access a = access(false, true);
        assertInstanceOf(AccessGate.Allow.class, decide(a, AT_A, Optional.empty(), null));
        assertEquals(new AccessGate.Forbidden("other_device", "holder=" + B), decide(a, AT_B, Optional.empty(), null));
        assertEquals(new AccessGate.Forbidden("unknown_address", "holder=-"), decide(a, NOWHERE, Optional.empty(), null));
        assertInstanceOf(AccessGate.Forbidden.class, gate.decide(a, new AccessGate.Ask(A, Optional.empty(), "GET",
                "/a.txt", null), Optional.empty(), WHO, T), "no client address at all");
        assertInstanceOf(AccessGate.Allow.class, decide(access(false, false), NOWHERE, Optional.empty(), null));
    }

    @Test
    void digestNeedsTheDevicesPassword() {
        HttpdSettings.Access a = access(true, false);
        Device withPassword = device(A, Optional.of(new Device.HttpCredentials("00147F770001", "s3cret")));
        AccessGate.Verdict first = decide(a, NOWHERE, Optional.of(withPassword), null);
        AccessGate.Challenge c = assertInstanceOf(AccessGate.Challenge.class, first);
        assertEquals(DigestAuth.Outcome.NO_CREDENTIALS, c.outcome());
        String auth = DigestAuthTest.answer(c.challenges().get(0), "00147F770001", "s3cret", "GET", "/a.txt");
        assertInstanceOf(AccessGate.Allow.class, decide(a, NOWHERE, Optional.of(withPassword), auth));
        String wrong = DigestAuthTest.answer(c.challenges().get(0), "00147F770001", "guess", "GET", "/a.txt");
        assertEquals(DigestAuth.Outcome.WRONG_PASSWORD, assertInstanceOf(AccessGate.Challenge.class,
                decide(a, NOWHERE, Optional.of(withPassword), wrong)).outcome());
        AccessGate.Forbidden none = assertInstanceOf(AccessGate.Forbidden.class,
                decide(a, NOWHERE, Optional.of(device(A, Optional.empty())), auth));
        assertEquals("no_http_password", none.reason());
        assertEquals("no_http_password", assertInstanceOf(AccessGate.Forbidden.class,
                decide(a, NOWHERE, Optional.empty(), auth)).reason(), "removed from the inventory meanwhile");
    }

    @Test
    void theAddressIsCheckedBeforeThePassword() {
        HttpdSettings.Access both = access(true, true);
        Device d = device(A, Optional.of(new Device.HttpCredentials("u", "p")));
        String challenge = digest.challenges(both, AT_B.getHostAddress(), T, false).get(0);
        String right = DigestAuthTest.answer(challenge, "u", "p", "GET", "/a.txt");
        assertEquals("other_device", assertInstanceOf(AccessGate.Forbidden.class, decide(both, AT_B, Optional.of(d),
                right)).reason(), "the right password from the wrong address");
        assertInstanceOf(AccessGate.Challenge.class, decide(both, AT_A, Optional.of(d), null));
    }
}
