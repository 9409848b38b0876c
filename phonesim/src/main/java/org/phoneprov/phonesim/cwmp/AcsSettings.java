package org.phoneprov.phonesim.cwmp;

import java.time.Duration;

/**
 * How a CPE leaves the factory for its ACS: ManagementServer.URL, Username and Password
 * (TR-069 Amendment 6 3.1: "the CPE MUST be configured with the ACS URL ... and the credentials
 * it authenticates with"), and its PeriodicInformInterval. The password is never printed.
 */
public record AcsSettings(String url, String username, String password, Duration periodicInterval) {
    @Override
    public String toString() {
        return "AcsSettings[url=" + url + ", username=" + username + ", password=***, periodic=" + periodicInterval
                + "]";
    }
}
