package org.phoneprov.httpd.redirect;

import java.util.Optional;
import java.util.function.Function;
import org.phoneprov.common.mac.Mac;

/**
 * What the default provisioning address answers a retail phone (Gigaset seed, "MAC based
 * autoprovisioning for retail devices"): "the phone is sending a provisioning request to the
 * Gigaset provisioning server (default URL). The provisioning server is checking the variant ID
 * (444 for a retail device) and the MAC address. If the phone is available in the Gigaset
 * provisioning database the server sends a redirect URL to the phone."
 *
 * <p>The default URL is {@code profile.gigaset.net/device} (seed, "Autoprovisioning with a
 * customized provisioning server"), under which a phone asks for
 * {@code /device/<variant>/<n>/<file>} (Gigaset wiki: "HTTP://profile.gigaset.net/device/42/2/master.bin";
 * docs/vendor-formats.md 2.4), so the variant is the first segment after {@code device/}. The
 * MAC is the one the phone sends in its User-Agent (seed remark *1), else a 12-hex-digit segment
 * or file name of the path. The redirect is an HTTP 302 to the registered URL with Gigaset's
 * {@code %MACD} (the MAC, 12 upper-case hex digits) and {@code %DVID} (the variant) filled in,
 * the two specifiers the public material shows (docs/vendor-formats.md 2.4).
 *
 * <p>Plain Java: the handler passes the path, the User-Agent's MAC and the registry's lookup.
 */
public final class RetailRedirect {
    /** The path prefix of the default provisioning address ({@code profile.gigaset.net/device}). */
    public static final String PREFIX = "device/";
    /** "444 for a retail device". */
    public static final String RETAIL_VARIANT = "444";
    private static final int MAX_SEGMENTS = 8;

    private RetailRedirect() {
    }

    /** The answer; {@link Refused#reason()} is the word the log and the event say. */
    public sealed interface Answer permits Redirect, Refused {
    }

    public record Redirect(String location, Mac mac, Registration registration) implements Answer {
    }

    /**
     * @param reason {@code no_mac}, {@code not_retail} (another variant), {@code not_registered}
     */
    public record Refused(String reason, Optional<Mac> mac) implements Answer {
    }

    public static boolean applies(String path) {
        return path.startsWith(PREFIX);
    }

    /**
     * @param path      the request path without the leading '/', starting with {@link #PREFIX}
     * @param uaMac     the MAC the phone's User-Agent names, if any
     * @param registered the registry's lookup by MAC
     */
    public static Answer decide(String path, Optional<Mac> uaMac, Function<Mac, Optional<Registration>> registered) {
        String[] segments = path.substring(PREFIX.length()).split("/", MAX_SEGMENTS);
        Optional<Mac> mac = uaMac.or(() -> macInPath(segments));
        if (mac.isEmpty()) {
            return new Refused("no_mac", mac);
        }
        if (!segments[0].equals(RETAIL_VARIANT)) {
            return new Refused("not_retail", mac);
        }
        Optional<Registration> r = registered.apply(mac.get());
        if (r.isEmpty()) {
            return new Refused("not_registered", mac);
        }
        return new Redirect(expand(r.get().url(), mac.get(), segments[0]), mac.get(), r.get());
    }

    /** Fills in the specifiers Gigaset phones expand themselves. */
    static String expand(String url, Mac mac, String variant) {
        return url.replace("%MACD", mac.hex()).replace("%DVID", variant);
    }

    private static Optional<Mac> macInPath(String[] segments) {
        for (int i = segments.length - 1; i >= 1; i--) {
            String s = segments[i];
            int dot = s.indexOf('.');
            String stem = dot < 0 ? s : s.substring(0, dot);
            if (stem.length() == 12) {
                Optional<Mac> m = Mac.parse(stem);
                if (m.isPresent()) {
                    return m;
                }
            }
        }
        return Optional.empty();
    }
}
