package org.phoneprov.sipd.pnp;

import java.util.Locale;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;

/**
 * Fills a rule's URL: {@code {mac}} (12 lower-case hex digits), {@code {MAC}} (upper
 * case), {@code {model}}, {@code {vendor}}, {@code {version}}. The values come from the
 * phone, so each is percent-encoded (anything outside {@code [A-Za-z0-9._~-]}): a model
 * like {@code "../x?y"} cannot change the URL's path or query. One pass, so a value that
 * itself looks like a placeholder is not expanded again. An absent value is empty.
 */
public final class PnpUrl {
    private PnpUrl() {
    }

    public static String fill(String template, Optional<Mac> mac, String vendor, String model, String version) {
        StringBuilder b = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                b.append(template, i, template.length());
                break;
            }
            b.append(template, i, open);
            String name = template.substring(open + 1, close);
            String value = switch (name) {
                case "mac" -> mac.map(m -> m.hex().toLowerCase(Locale.ROOT)).orElse("");
                case "MAC" -> mac.map(Mac::hex).orElse("");
                case "model" -> UrlCoding.encode(model);
                case "vendor" -> UrlCoding.encode(vendor);
                case "version" -> UrlCoding.encode(version);
                default -> null;
            };
            if (value == null) {
                b.append('{');
                i = open + 1;
            } else {
                b.append(value);
                i = close + 1;
            }
        }
        return b.toString();
    }
}
