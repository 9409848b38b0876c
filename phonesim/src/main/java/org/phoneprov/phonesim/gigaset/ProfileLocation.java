package org.phoneprov.phonesim.gigaset;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.phonesim.aps.InfSource;
import org.phoneprov.phonesim.dhcp.DhcpLease;

/**
 * Where a Gigaset asks for its profile first (docs/vendor-formats.md 2.4):
 * <ol>
 *   <li>the URL set up on the phone ({@link GigasetSetup#server()}), when there is one: what the
 *       admin typed into the web UI, or a retail phone's redirect server. Which of these wins over
 *       DHCP the Gigaset material does not say; set up wins here, as the ST20xx's pre-configured
 *       server does (APS seed 2.2);</li>
 *   <li>DHCP option 114, the provisioning URL, which "has priority over option 66";</li>
 *   <li>DHCP option 66: "the N510 downloads {@code http://<DHCP option 66>/<MAC address>.xml}".</li>
 * </ol>
 * The phone expands {@code %MACD} (the MAC, 12 upper-case hex digits) and {@code %DVID} (its
 * variant); a URL that names a file is asked as it is, a folder gets {@code /<MAC>.xml}
 * appended. The Gigaset wiki says a folder URL is first tried with {@code /provisioning.xml};
 * that request is not made here: the suite serves no such file, and every phone's 404 for it
 * would count toward httpd's probe limit. A phone with an activation code asks the suite's
 * code endpoint instead, {@code <folder>/activation/<MAC>.xml}: the seed does not say where a
 * code goes, and that is where httpd answers it (ActivationEndpoint). Plain Java.
 */
final class ProfileLocation {
    static final String ACTIVATION = "activation/";

    private ProfileLocation() {
    }

    /** The first URL; or, when there is none, why. */
    sealed interface Start permits Found, None {
    }

    record Found(URI uri, InfSource source, String from) implements Start {
    }

    record None(String why) implements Start {
    }

    static Start start(GigasetSetup setup, Optional<DhcpLease> lease, Mac mac) {
        if (setup.server().isPresent()) {
            return found(setup.server().get().toString(), InfSource.GIGASET_PRESET, "set up on the phone", setup, mac);
        }
        Optional<String> url114 = lease.flatMap(DhcpLease::gigasetUrl);
        if (url114.isPresent()) {
            return found(url114.get(), InfSource.OPTION_114, "option 114", setup, mac);
        }
        Optional<String> server66 = lease.flatMap(DhcpLease::tftp66);
        if (server66.isPresent()) {
            return found("http://" + server66.get() + "/", InfSource.OPTION_66, "option 66", setup, mac);
        }
        return new None("no provisioning URL: DHCP gave neither option 114 nor 66, and none is set up (a real "
                + "phone would ask Gigaset's profile.gigaset.net, which the simulator does not reach)");
    }

    private static Start found(String url, InfSource source, String from, GigasetSetup setup, Mac mac) {
        Optional<URI> u = profileUrl(url, mac, setup.variant(), setup.code().isPresent());
        return u.<Start>map(x -> new Found(x, source, from + " " + url))
                .orElseGet(() -> new None(from + " " + url + " is not an http:// URL"));
    }

    /**
     * {@code url} as the phone asks it: specifiers expanded, a scheme-less {@code host/path}
     * taken as http (the seed writes the default as {@code profile.gigaset.net/device}), the
     * profile's name appended to a folder.
     */
    static Optional<URI> profileUrl(String url, Mac mac, String variant, boolean activation) {
        String u = url.strip().replace("%MACD", mac.hex()).replace("%DVID", variant);
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        URI parsed;
        try {
            parsed = new URI(u);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
            return Optional.empty();
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return Optional.of(parsed);
        }
        String folder = path.endsWith("/") ? path : path + "/";
        return Optional.of(parsed.resolve(folder + (activation ? ACTIVATION : "") + mac.hex() + ".xml"));
    }
}
