package org.phoneprov.phonesim.sim;

import java.time.Duration;
import java.util.Map;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.phonesim.cwmp.CwmpRoot;
import org.phoneprov.phonesim.gigaset.DigestCredentials;

/**
 * Every simulated phone is also a TR-069 CPE informing {@code acsUrl} (once it has an address):
 * its ManagementServer.Username/Password are {@code credentials} of its MAC, else its MAC (hex,
 * as the inventory's http_user defaults) with an empty password.
 */
public record CwmpPlan(String acsUrl, CwmpRoot root, Map<Mac, DigestCredentials> credentials, Duration periodic) {
    public CwmpPlan {
        credentials = Map.copyOf(credentials);
    }

    DigestCredentials credentialsOf(Mac mac) {
        return credentials.getOrDefault(mac, new DigestCredentials(mac.hex(), ""));
    }
}
