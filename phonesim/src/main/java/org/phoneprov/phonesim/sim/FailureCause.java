package org.phoneprov.phonesim.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a phone failed, in the server's terms, where the LCD message alone misleads. A
 * phone shows "Firmware Not Found" (or the not-found line of whatever it was fetching)
 * for any download that did not work — seed 2.6 has no line for "refused" — so a run
 * where tftpd said "server busy" or httpd said 403 reads as missing files. The report adds
 * the server's reason, so the admin turns the right knob. A Gigaset shows no LCD text here at
 * all (its seed has none), so its failures are told by the first three, which its boot
 * detail starts with ({@code gigaset.GigasetPhone}).
 */
enum FailureCause {
    GIGASET_NO_PROFILE("no gigaset profile", "httpd has no profile for this Gigaset: HTTP 404 (its MAC is not in the"
            + " inventory, its User-Agent names another MAC, or a redirect led where there is none)", false),
    ACTIVATION_REFUSED("activation code refused", "httpd refused the activation code: HTTP 403 when a one-shot"
            + " code is spent or a locked one is bound to another phone, 401 when the code or its password is"
            + " wrong", false),
    PROFILE_UNREADABLE("profile unreadable", "the Gigaset could not use its profile: encrypted with a key it has"
            + " not (its provider's profile_key), not XML, or for another MAC", false),
    TFTP_BUSY("server busy", "tftpd refused: server busy (max_per_client, per address, or max_transfers)", true),
    HTTP_FORBIDDEN("http 403", "httpd refused: HTTP 403 (lease_binding or digest: not this device's address"
            + " or password)", true),
    HTTP_UNAUTHORIZED("http 401", "httpd asked for a password: HTTP 401 (digest)", false),
    HTTP_BLOCKED("http 429", "httpd blocked the address: HTTP 429 (probe_limit)", true),
    HTTP_BUSY("http 503", "httpd busy: HTTP 503", false);

    private final String needle;
    private final String text;
    private final boolean perAddress;

    FailureCause(String needle, String text, boolean perAddress) {
        this.needle = needle;
        this.text = text;
        this.perAddress = perAddress;
    }

    /**
     * @param detail the boot's detail: which file failed and what the server answered,
     *               e.g. {@code tftp://127.0.0.1:69/v2030SG...: TFTP error 0: server busy, try again later}
     */
    static Optional<FailureCause> of(String detail) {
        String d = detail.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> d.contains(c.needle)).findFirst();
    }

    String text() {
        return text;
    }

    /** A limit the server keeps per client address: phones that share one address run into it together. */
    boolean perAddress() {
        return perAddress;
    }
}
