package org.phoneprov.httpd;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.mac.Mac;

/**
 * Whether a request for a device's own file (its MAC config, its {@code <MODEL>_<MAC>.inf})
 * is answered: lease binding first (a request from the wrong address is refused whatever
 * it proves), then digest. Shared files never come here. No sockets: the handler asks and
 * turns the verdict into a response.
 */
final class AccessGate {

    sealed interface Verdict permits Allow, Forbidden, Challenge {
    }

    record Allow() implements Verdict {
    }

    /** 403; {@code reason} is the stable word logged, {@code detail} the rest of the line. */
    record Forbidden(String reason, String detail) implements Verdict {
    }

    /** 401 with these WWW-Authenticate values; {@code outcome} says why. */
    record Challenge(List<String> challenges, DigestAuth.Outcome outcome) implements Verdict {
    }

    /**
     * @param owner         the device the file belongs to
     * @param client        the client's address, when the transport has one
     * @param authorization the Authorization field, or null
     */
    record Ask(Mac owner, Optional<InetAddress> client, String method, String uri, String authorization) {
    }

    private final DigestAuth digest;

    AccessGate(DigestAuth digest) {
        this.digest = digest;
    }

    /**
     * @param device   the owner's inventory entry in the current config
     * @param deviceAt which device an address belongs to (inventory address, then lease)
     */
    Verdict decide(HttpdSettings.Access access, Ask ask, Optional<Device> device,
                   Function<InetAddress, Optional<Mac>> deviceAt, long nowMillis) {
        if (access.leaseBinding()) {
            Optional<Mac> holder = ask.client().flatMap(deviceAt);
            LeaseBinding.Verdict v = LeaseBinding.decide(ask.owner(), holder);
            if (v != LeaseBinding.Verdict.ALLOWED) {
                return new Forbidden(v.word(), holder.map(m -> "holder=" + m).orElse("holder=-"));
            }
        }
        if (!access.digest()) {
            return new Allow();
        }
        Optional<Device.HttpCredentials> credentials = device.flatMap(Device::http);
        if (credentials.isEmpty()) {
            return new Forbidden("no_http_password", "hint=\"digest is on and the device has no http_password\"");
        }
        String client = ask.client().map(InetAddress::getHostAddress).orElse("-");
        DigestAuth.Outcome o = digest.verify(access, credentials.get(), ask.method(), ask.uri(), ask.authorization(),
                client, nowMillis);
        if (o == DigestAuth.Outcome.OK) {
            return new Allow();
        }
        return new Challenge(digest.challenges(access, client, nowMillis, o == DigestAuth.Outcome.STALE), o);
    }
}
