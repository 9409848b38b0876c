package org.phoneprov.dhcpd.classify;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * What marks a DHCP client as a Gigaset phone when the inventory does not know it
 * (docs/vendor-formats.md section 4). Two signs, either is enough:
 * <ul>
 *   <li><b>Option 60.</b> The strings Wazo's provd plugins match: {@code C470IP},
 *       {@code C470_IP}, {@code S675IP}, {@code S675_IP}, {@code C590_IP}, {@code C610_IP}
 *       (xivo-gigaset {@code common.py} {@code _VDI}) and {@code N510_IP_PRO},
 *       {@code N720_DM_PRO}, the PRO phones sending them with a {@code Gigaset_} prefix
 *       ({@code Gigaset_N510_IP_PRO}; wazo-gigaset {@code common.py} strips a leading
 *       {@code Gigaset} before it looks the rest up), plus {@code Gigaset_N720_IP_PRO} of an
 *       older wazo-gigaset. Any other value starting with {@code Gigaset} is taken as a
 *       Gigaset of unknown model: our reading of that vendor prefix, not a listed string
 *       (the N870's option 60, for one, is not documented).</li>
 *   <li><b>The MAC's OUI.</b> 7C:2F:80 (every Gigaset PRO User-Agent and template; GS5's
 *       route constraint {@code 7C2F80[0-9A-F]{6}}) and 58:9E:C6 (wazo-provd-plugins PR 44,
 *       "prefix found on n510"). 00:21:04 is listed because our issue 12 names it; no public
 *       source we found confirms it is Gigaset's.</li>
 * </ul>
 * Text is compared case-insensitively, with surrounding blanks and NUL padding ignored.
 * Never throws.
 */
public final class GigasetClient {
    static final String PREFIX = "Gigaset";
    /** What {@link #text} makes of the prefix, and of it with the separator the Wazo strings have. */
    private static final String PREFIX_UPPER = PREFIX.toUpperCase(Locale.ROOT);
    private static final String PREFIX_UPPER_ = PREFIX_UPPER + "_";
    /** 7C:2F:80, 58:9E:C6 (confirmed) and 00:21:04 (issue 12 only, unconfirmed). */
    static final Set<Integer> OUIS = Set.of(0x7C2F80, 0x589EC6, 0x002104);

    /**
     * Wazo's option 60 strings without the {@code Gigaset_} prefix → the model the suite
     * knows, or empty for a Gigaset it has no model for. The N720 IP PRO is the base station
     * an N720 DM PRO manages, not the DM the suite's N720 is.
     */
    private static final Map<String, Optional<Model>> VENDOR_CLASSES = Map.of(
            "N510_IP_PRO", Optional.of(Model.N510),
            "N720_DM_PRO", Optional.of(Model.N720),
            "N720_IP_PRO", Optional.empty(),
            "C470IP", Optional.of(Model.C470),
            "C470_IP", Optional.of(Model.C470),
            "C590_IP", Optional.of(Model.C590),
            "S675IP", Optional.empty(),
            "S675_IP", Optional.empty(),
            "C610_IP", Optional.empty());

    private GigasetClient() {
    }

    /** The model option 60 names; empty for a Gigaset of unknown model and for anything not Gigaset's. */
    public static Optional<Model> modelFromVendorClass(byte[] option60) {
        return Optional.ofNullable(VENDOR_CLASSES.get(withoutPrefix(text(option60)))).flatMap(m -> m);
    }

    /** Whether option 60 or the MAC's OUI says the client is a Gigaset, whatever its model. */
    public static boolean isGigaset(Mac mac, Optional<byte[]> option60) {
        return OUIS.contains(mac.oui()) || option60.map(GigasetClient::isGigasetVendorClass).orElse(false);
    }

    static boolean isGigasetVendorClass(byte[] option60) {
        String text = text(option60);
        return text.startsWith(PREFIX_UPPER) || VENDOR_CLASSES.containsKey(text);
    }

    /** {@code N510_IP_PRO} of {@code GIGASET_N510_IP_PRO}; other text unchanged. */
    private static String withoutPrefix(String text) {
        return text.startsWith(PREFIX_UPPER_) ? text.substring(PREFIX_UPPER_.length()) : text;
    }

    /** Upper case, without surrounding whitespace and NUL padding; ISO-8859-1 maps every byte. */
    private static String text(byte[] option60) {
        if (option60 == null) {
            return "";
        }
        return new String(option60, StandardCharsets.ISO_8859_1).replace('\0', ' ').strip().toUpperCase(Locale.ROOT);
    }
}
