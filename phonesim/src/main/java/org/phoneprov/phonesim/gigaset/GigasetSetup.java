package org.phoneprov.phonesim.gigaset;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Gigaset is set up with before it provisions (Gigaset seed, "Terms"): the URL of its
 * provisioning server ("factory setting, or DHCP option, or the SIP Multicast mechanism, or
 * manually in the WEB configurator"), the activation code its customer typed in, and the
 * provider key a provider's variant of the phone comes with ("The Profile is encrypted with
 * AES 128 using a Provider specific encryption key!"). Immutable.
 *
 * @param server     a URL set up on the phone; the phone then asks it, not what DHCP says. A
 *                   retail phone's factory URL is Gigaset's redirect server ("default =
 *                   profile.gigaset.net/device"); the simulator points it at the suite's instead
 * @param code       the activation code as the customer types it, {@code 12387426549864#0815}
 * @param profileKey its provider's AES-128 key (32 hex digits); empty: it reads plain profiles only
 * @param variant    the device variant a URL's {@code %DVID} stands for: {@code 444} for a retail phone
 */
public record GigasetSetup(Optional<URI> server, Optional<String> code, Optional<String> profileKey, String variant) {
    /** "444 for a retail device" (Gigaset seed, "MAC based autoprovisioning for retail devices"). */
    public static final String RETAIL_VARIANT = "444";

    public GigasetSetup {
        Objects.requireNonNull(server);
        Objects.requireNonNull(code);
        Objects.requireNonNull(profileKey);
        Objects.requireNonNull(variant);
    }

    /** A phone out of the shop: nothing set up, the retail variant; it goes where DHCP says. */
    public static GigasetSetup factory() {
        return new GigasetSetup(Optional.empty(), Optional.empty(), Optional.empty(), RETAIL_VARIANT);
    }

    public GigasetSetup withServer(URI v) {
        return new GigasetSetup(Optional.ofNullable(v), code, profileKey, variant);
    }

    public GigasetSetup withCode(String v) {
        return new GigasetSetup(server, Optional.ofNullable(v), profileKey, variant);
    }

    public GigasetSetup withProfileKey(String v) {
        return new GigasetSetup(server, code, Optional.ofNullable(v), variant);
    }

    /**
     * The digest credentials of the code (seed, "Security aspects": "the provider identification
     * (3 chars fix), the activation code and an optional password, separated by a #"): the user is
     * the part before '#', the password the part after it, empty when there is none.
     */
    public Optional<DigestCredentials> credentials() {
        return code.map(c -> {
            int hash = c.indexOf('#');
            return hash < 0 ? new DigestCredentials(c, "") : new DigestCredentials(c.substring(0, hash),
                    c.substring(hash + 1));
        });
    }

    /** Never the code's password or the key in a log line. */
    @Override
    public String toString() {
        return "GigasetSetup[server=" + server.map(URI::toString).orElse("-") + ", code="
                + credentials().map(DigestCredentials::user).orElse("-") + ", profileKey="
                + (profileKey.isPresent() ? "***" : "-") + ", variant=" + variant + "]";
    }
}
