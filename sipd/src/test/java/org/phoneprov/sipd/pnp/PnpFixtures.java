package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import gov.nist.javax.sip.message.SIPRequest;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.net.Cidr;
import org.phoneprov.sipd.message.SipParse;
import org.phoneprov.sipd.message.SipParser;
import org.phoneprov.sipd.message.SipSamples;

/** Settings and requests shared by the plug-and-play tests. */
final class PnpFixtures {
    static final SipdSettings.PnpRule SNOM = rule("snom", List.of("oem", "snom"), null, List.of("device"),
            "http://10.77.0.1/snom/{mac}.xml");
    static final SipdSettings.PnpRule AUDIOCODES = rule("audiocodes", List.of(), "4[0-9]{2}HD",
            List.of("application"), "tftp://10.13.4.121");
    static final SipdSettings.PnpRule YEALINK = rule("yealink", List.of("yealink"), "SIP-T4.*",
            List.of("device"), "http://10.77.0.1/yealink/{MAC}.cfg?model={model}&v={version}");

    private PnpFixtures() {
    }

    static SipdSettings.PnpRule rule(String name, List<String> vendors, String model, List<String> types, String url) {
        return rule(name, vendors, model, null, types, url);
    }

    static SipdSettings.PnpRule rule(String name, List<String> vendors, String model, String userAgent,
                                     List<String> types, String url) {
        return new SipdSettings.PnpRule(name, vendors, pattern(model), pattern(userAgent), types, url);
    }

    private static Optional<Pattern> pattern(String p) {
        return Optional.ofNullable(p).map(m -> Pattern.compile(m, Pattern.CASE_INSENSITIVE));
    }

    static SipdSettings.Pnp settings(SipdSettings.PnpRule... rules) {
        return settings(5, rules);
    }

    static SipdSettings.Pnp settings(int perSource, SipdSettings.PnpRule... rules) {
        return new SipdSettings.Pnp(address("224.0.1.75"), List.of(),
                List.of(Cidr.parse("192.168.10.0/24").orElseThrow(), Cidr.parse("10.13.0.0/16").orElseThrow(),
                        Cidr.parse("2001:db8::/32").orElseThrow()),
                perSource, Arrays.asList(rules));
    }

    static SIPRequest request(String text) {
        return assertInstanceOf(SipParse.Request.class, SipParser.parse(SipSamples.bytes(text))).message();
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The Snom sample with another Event header value. */
    static String snomWithEvent(String eventValue) {
        return SipSamples.SNOM.replaceFirst("Event: [^\r]*", "Event: " + eventValue.replace("\\", "\\\\")
                .replace("$", "\\$"));
    }

    /** The Snom sample with another user part in Request-URI, From and To. */
    static String snomWithUser(String user) {
        return SipSamples.SNOM.replace("MAC%3a00135E874B49", user);
    }
}
