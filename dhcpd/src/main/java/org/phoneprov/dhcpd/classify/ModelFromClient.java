package org.phoneprov.dhcpd.classify;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.phoneprov.common.provision.Model;

/**
 * The phone model a client names in its own options:
 * <ul>
 *   <li>option 60 in the ST20xx form (APS seed 2.4), manufacturer {@code Thomson}, model id
 *       {@code ST2030}/{@code ST2022} and protocol {@code SIP} (→ the S model) or
 *       {@code MGCP} (→ the M model);</li>
 *   <li>option 60 as a Gigaset sends it, {@code Gigaset_N510_IP_PRO} ({@link GigasetClient});</li>
 *   <li>option 77, {@code Thomson <ST2030S|ST2030M|ST2022S|ST2022M>}, raw or as an RFC 3004
 *       instance (seed 2.4).</li>
 * </ul>
 * Text is compared case-insensitively and with surrounding blanks and NULs ignored.
 */
public final class ModelFromClient {
    static final String MANUFACTURER = "Thomson";

    private ModelFromClient() {
    }

    /** The model named by option 60's ST20xx form or a Gigaset string; empty when it names no known model. */
    public static Optional<Model> fromVendorClass(byte[] option60) {
        return St20xxVendorClass.parse(option60).flatMap(ModelFromClient::fromFields)
                .or(() -> GigasetClient.modelFromVendorClass(option60));
    }

    static Optional<Model> fromFields(St20xxVendorClass v) {
        if (!clean(v.manufacturer()).equalsIgnoreCase(MANUFACTURER)) {
            return Optional.empty();
        }
        String hardware = clean(v.hardware());
        String protocol = clean(v.protocol());
        for (Model m : Model.st20xx()) {
            if (m.hardware().equalsIgnoreCase(hardware) && m.protocol().name().equalsIgnoreCase(protocol)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The model named by an instance of option 77, {@code Thomson ST2022S}; the first instance that names one wins. */
    public static Optional<Model> fromUserClass(byte[] option77) {
        for (byte[] instance : UserClass.parse(option77)) {
            Optional<Model> m = fromUserClassText(new String(instance, StandardCharsets.ISO_8859_1));
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private static Optional<Model> fromUserClassText(String text) {
        String[] words = clean(text).split("\\s+");
        if (words.length != 2 || !words[0].equalsIgnoreCase(MANUFACTURER)) {
            return Optional.empty();
        }
        return Model.parse(words[1].toUpperCase(Locale.ROOT));
    }

    /** Without surrounding whitespace and NUL padding. */
    private static String clean(String s) {
        return s.replace('\0', ' ').strip();
    }
}
