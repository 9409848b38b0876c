package org.phoneprov.httpd.redirect;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.mac.MacId;

/**
 * The decisions of the Gigaset-style redirect service ("MAC based autoprovisioning for retail
 * devices", seed 000 Gigaset overview): a provider registers a phone's MAC-ID with a URL; when
 * the retail phone asks, "If the phone is available in the Gigaset provisioning database the
 * server sends a redirect URL to the phone" ({@link #lookup}).
 *
 * <p>Results are the {@code [boolean, string]} pairs of Gigaset's {@code autoprov.*} methods, with
 * its result strings, as its two public clients read them (docs/vendor-formats.md section 3):
 * peoplefone/provisioning-rpc {@code src/ProvisioningRPCDeviceGigaset.php} (PHP) and
 * nethesis/falconieri {@code providers/gigaset.go}, {@code utils/utils.go} (Go). {@code <MAC>} in a
 * result is the 12 upper-case hex digits without the check part (peoplefone compares with
 * {@code 'mac_not_found:'.$mac}, {@code $mac = substr($macid, 0, 12)}).
 *
 * <p>Per method, from what those clients do with each string:
 * <ul>
 * <li>{@code checkDevice}: found {@code [true, "<MAC>"]}; else {@code mac_not_found:<MAC>} or
 *     {@code mac_invalid:<MAC>} (the only strings peoplefone's {@code checkPhone} handles, and it
 *     treats {@code data[0] == true} or {@code data[1] == $mac} as found), or {@code mac_not_exist}
 *     (below).
 * <li>{@code registerDevice}: {@code [true, "ok"]}; else {@code mac_invalid}, {@code url_invalid:<URL>},
 *     {@code name_invalid:<name>}, {@code mac_already_in_use:<MAC>} ("owned by another provisioner":
 *     peoplefone {@code macAddressOwnedBySomeoneElse}, Falconieri {@code device_owned_by_other_user}),
 *     {@code mac_not_exist:<MAC>}. The success string is NOT confirmed by any source: both clients
 *     look only at the boolean; "ok" is the success string Gigaset is known to send for the other
 *     changing call, {@code deregisterDevice}.
 * <li>{@code deregisterDevice}: {@code [true, "ok"]} (peoplefone {@code removePhone} matches
 *     {@code data[1] == 'ok'}); else {@code mac_not_found:<MAC>} (removePhone: "macAddressNotFound"),
 *     {@code mac_invalid}, {@code mac_not_exist}.
 * </ul>
 * {@code mac_not_exist} is not "no registration": both clients group it with {@code mac_invalid}
 * (peoplefone maps both to {@code macAddressInvalid}, Falconieri to {@code not_valid_mac_address}),
 * so it means "no such device". Gigaset can know that from its production data; this server cannot
 * (the MAC-ID check algorithm is not public), so it says {@code mac_not_exist} only when a MAC-ID
 * contradicts the one the MAC was registered with: two check parts for one MAC cannot both be real.
 *
 * <p>A provider sees only its own registrations: {@code checkDevice} and {@code deregisterDevice}
 * of another provider's MAC answer {@code mac_not_found}, as for an unknown one, so nothing about
 * other providers' phones leaks; {@code registerDevice} of it answers {@code mac_already_in_use}.
 * That is also what serves peoplefone's {@code addPhone} best: check (not found), register
 * ({@code mac_already_in_use}: "owned by someone else").
 *
 * <p>Thread-safe: the three management calls are serialised (check-then-write is atomic);
 * {@link #lookup} takes no lock. Store failures are thrown, and nothing is half-written.
 */
public final class RedirectRegistry {
    /**
     * The longest redirect URL accepted. No source gives Gigaset's limit. The 74 characters of
     * DHCP option 114 (docs/vendor-formats.md 2.4) do not apply: this URL reaches the phone in an
     * HTTP answer, not a DHCP option. 255 is this server's own choice: ample room for the provisioning
     * URLs in the sources, placeholders included, while an echoed {@code url_invalid:} and a stored
     * row stay small.
     */
    public static final int MAX_URL_LENGTH = 255;
    /** The longest profile/provider name accepted, in characters. No source gives Gigaset's limit. */
    public static final int MAX_NAME_LENGTH = 64;
    /** The longest invalid MAC-ID echoed back in {@code mac_invalid:}; longer input is cut. */
    static final int MAX_ECHO = 64;
    /** RFC 3986's unreserved and reserved characters, and '%' (for escapes and Gigaset's %MACD). */
    private static final String URL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            + "-._~:/?#[]@!$&'()*+,;=%";
    /** The most a DNS name can be (RFC 1035 2.3.4, 253 in text form). */
    private static final int MAX_HOST_LENGTH = 253;

    private final Registrations store;
    private final LongSupplier epochMillis;

    /** {@code epochMillis}: the time rows are stamped with, {@code System::currentTimeMillis} in service. */
    public RedirectRegistry(Registrations store, LongSupplier epochMillis) {
        this.store = Objects.requireNonNull(store, "store");
        this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
    }

    /** A method's answer: the XML-RPC {@code [boolean, string]} array. */
    public record Result(boolean ok, String message) {
        public Result {
            Objects.requireNonNull(message, "message");
        }

        public XmlRpcValue toXmlRpc() {
            return XmlRpcValue.array(new XmlRpcValue.Bool(ok), new XmlRpcValue.Str(message));
        }

        static Result success(String message) {
            return new Result(true, message);
        }

        static Result failure(String message) {
            return new Result(false, message);
        }
    }

    /**
     * {@code autoprov.registerDevice(macid, url, name)} for the authenticated {@code provider}.
     * Checked in the order of the parameters, then ownership; nothing is written unless it succeeds.
     */
    public synchronized Result register(String provider, String macIdText, String url, String name)
            throws StoreException {
        requireProvider(provider);
        Optional<MacId> parsed = MacId.parse(macIdText);
        if (parsed.isEmpty()) {
            return Result.failure("mac_invalid:" + echo(macIdText));
        }
        MacId id = parsed.get();
        String mac = id.mac().hex();
        // The URL the phone will fetch: http(s) with a host, RFC 3986 characters, bounded (see validUrl).
        if (!validUrl(url)) {
            return Result.failure("url_invalid:" + url);
        }
        // peoplefone sends its profile name ("peoplefone"), Falconieri "Falconieri": 1..64 printable characters.
        if (!validName(name)) {
            return Result.failure("name_invalid:" + name);
        }
        long now = epochMillis.getAsLong();
        Optional<Registration> existing = store.find(id.mac());
        if (existing.isPresent()) {
            Registration old = existing.get();
            // "mac_already_in_use" = owned by another provisioner (docs/vendor-formats.md 3); checked
            // before the check part so another provider's MAC-ID is not confirmed or denied.
            if (!old.provider().equals(provider)) {
                return Result.failure("mac_already_in_use:" + mac);
            }
            // The same provider again: two check parts for one MAC cannot both be real.
            if (!old.macId().agreesWith(id)) {
                return Result.failure("mac_not_exist:" + mac);
            }
            // The same provider registering the same phone again updates it, keeping the check part
            // it was registered with when this call gives a bare MAC. Neither client relies on this
            // (Falconieri deregisters first; peoplefone's addPhone checks and, if found, deregisters
            // first); it saves a round trip and cannot take a phone from anyone else.
            MacId keep = id.check().isPresent() ? id : old.macId();
            store.put(new Registration(keep, url, provider, name, old.createdAt(), now));
        } else {
            store.put(new Registration(id, url, provider, name, now, now));
        }
        return Result.success("ok");
    }

    /** {@code autoprov.checkDevice(macid)}: whether {@code provider} has this phone registered. */
    public synchronized Result check(String provider, String macIdText) throws StoreException {
        Owned o = owned(provider, macIdText);
        // peoplefone checkPhone: data[0] true, or data[1] equal to the MAC, means found.
        return o.failure != null ? o.failure : Result.success(o.registration.mac().hex());
    }

    /** {@code autoprov.deregisterDevice(macid)}: removes {@code provider}'s registration of this phone. */
    public synchronized Result deregister(String provider, String macIdText) throws StoreException {
        Owned o = owned(provider, macIdText);
        if (o.failure != null) {
            return o.failure;
        }
        store.remove(o.registration.mac());
        return Result.success("ok");
    }

    /** The caller's registration a MAC-ID names, or the answer that says why there is none. */
    private record Owned(Registration registration, Result failure) {
    }

    private Owned owned(String provider, String macIdText) throws StoreException {
        requireProvider(provider);
        Optional<MacId> parsed = MacId.parse(macIdText);
        if (parsed.isEmpty()) {
            return new Owned(null, Result.failure("mac_invalid:" + echo(macIdText)));
        }
        MacId id = parsed.get();
        String mac = id.mac().hex();
        Optional<Registration> r = store.find(id.mac()).filter(x -> x.provider().equals(provider));
        if (r.isEmpty()) {
            // Unknown, or another provider's (neither revealed nor touched): peoplefone's checkPhone
            // and removePhone both map mac_not_found to "macAddressNotFound".
            return new Owned(null, Result.failure("mac_not_found:" + mac));
        }
        if (!r.get().macId().agreesWith(id)) {
            return new Owned(null, Result.failure("mac_not_exist:" + mac));
        }
        return new Owned(r.get(), null);
    }

    /** Where a retail phone with this MAC is redirected, if it is registered. */
    public Optional<Registration> lookup(Mac mac) throws StoreException {
        return store.find(mac);
    }

    private static void requireProvider(String provider) {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("the authenticated provider account is required");
        }
    }

    /**
     * What {@code mac_invalid:} echoes: the 12 hex digits of a {@code 123456ABCDEF-xxxx} whose
     * check part is malformed (peoplefone compares with {@code substr($macid, 0, 12)}), else the
     * input as given, cut to {@link #MAX_ECHO} characters.
     */
    static String echo(String macIdText) {
        if (macIdText == null) {
            return "";
        }
        String s = macIdText.trim();
        if (s.length() == 17 && s.charAt(12) == '-' && s.substring(0, 12).matches("[0-9A-Fa-f]{12}")) {
            return s.substring(0, 12).toUpperCase(Locale.ROOT);
        }
        return macIdText.length() > MAX_ECHO ? macIdText.substring(0, MAX_ECHO) : macIdText;
    }

    /**
     * An absolute http or https URL (scheme in any case, RFC 3986 3.1) with a host, at most
     * {@link #MAX_URL_LENGTH} of the characters RFC 3986 allows in a URI (so no spaces, quotes,
     * angle brackets or non-ASCII: an IDN host is given in its xn-- form). The path is not parsed
     * further: Gigaset URLs carry placeholders such as {@code %MACD} and {@code %DVID}
     * ({@code https://provisioningserver.domain.com/%MACD/%DVID/}, peoplefone README) that are not
     * valid percent-encoding, so a strict URI parser would refuse them. No user name or password
     * ({@code user:pw@host}): the redirect hands this URL to anyone who presents the MAC, without
     * authentication, so a password in it would not be a secret.
     */
    static boolean validUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            if (URL_CHARS.indexOf(url.charAt(i)) < 0) {
                return false;
            }
        }
        String lower = url.toLowerCase(Locale.ROOT);
        int start = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
        if (start < 0) {
            return false;
        }
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        if (authority.indexOf('@') >= 0) {
            return false;
        }
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = authority.substring(1, close);
            if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+") || host.indexOf(':') < 0) {
                return false;
            }
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return false;
                }
                port = rest.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
            if (!validHostName(host)) {
                return false;
            }
        }
        return port == null || validPort(port);
    }

    /** A DNS name or dotted IPv4: labels of letters, digits and '-', not starting or ending with '-'. */
    private static boolean validHostName(String host) {
        if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.matches("[A-Za-z0-9-]+")) {
                return false;
            }
        }
        return true;
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.matches("[0-9]+")) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }

    /**
     * 1 to {@link #MAX_NAME_LENGTH} characters, not all white space, none of them a control,
     * format, private-use, unassigned or separator-other-than-space character.
     */
    static boolean validName(String name) {
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            return false;
        }
        return name.codePoints().allMatch(RedirectRegistry::printable);
    }

    private static boolean printable(int c) {
        if (Character.isISOControl(c)) {
            return false;
        }
        switch (Character.getType(c)) {
            case Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
