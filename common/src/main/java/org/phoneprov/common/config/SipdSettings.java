package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phoneprov.common.net.Cidr;

/**
 * sipd's settings beyond where it listens: who gets a plug-and-play answer and with
 * which URL, and how check-sync NOTIFYs are paced and retransmitted.
 */
public record SipdSettings(Pnp pnp, CheckSync checkSync) {

    public static SipdSettings defaults() {
        return new SipdSettings(Pnp.defaults(), CheckSync.defaults());
    }

    /**
     * The SIP multicast plug-and-play responder (Gigaset seed, "SIP-Multicast mechanism").
     *
     * @param group           the multicast group phones SUBSCRIBE to (224.0.1.75, "sip.mcast.net")
     * @param interfaces      where the group is joined; empty means sipd's {@code interface}
     * @param allow           source subnets that are answered; everyone else gets silence,
     *                        because the first answer wins on the phone
     * @param perSourcePerSecond SUBSCRIBEs answered per second from one address (burst as many)
     * @param vendors         answer rules, tried in written order
     */
    public record Pnp(InetAddress group, List<String> interfaces, List<Cidr> allow, int perSourcePerSecond,
                      List<PnpRule> vendors) {
        public Pnp {
            interfaces = List.copyOf(interfaces);
            allow = List.copyOf(allow);
            vendors = List.copyOf(vendors);
        }

        static Pnp defaults() {
            return new Pnp(org.phoneprov.common.net.Addresses.parseLiteral("224.0.1.75").orElseThrow(), List.of(),
                    List.of(), 5, List.of());
        }

        public boolean allows(InetAddress source) {
            return allow.stream().anyMatch(c -> c.contains(source));
        }
    }

    /**
     * One answer rule: a SUBSCRIBE is told {@code url}, with {@code {mac}}, {@code {MAC}},
     * {@code {model}}, {@code {vendor}}, {@code {version}} filled in, when every matcher the
     * rule gives holds (a matcher left out holds for any SUBSCRIBE): its {@code vendor} is one
     * of {@code vendors}, its {@code model} matches {@code model}, its {@code User-Agent}
     * header matches {@code userAgent}, and its profile type is one of {@code profileTypes}.
     * A SUBSCRIBE without the parameter or header a given matcher reads does not match it.
     * Gigaset phones are told apart by {@code userAgent}: "the PBX identifies it via the
     * SIP-User-Agent header, which is containing at first the product name" (Gigaset wiki,
     * docs/vendor-formats.md 5), and their Event header may name no vendor, or "OEM".
     *
     * @param name         the rule's key path, for logs and events
     * @param vendors      vendor names, lower case
     * @param model        a whole-match, case-insensitive pattern on the model
     * @param userAgent    a case-insensitive pattern found anywhere in the User-Agent header
     *                     (anchor it with {@code ^} to match the product name at its start)
     * @param profileTypes the profile types answered (RFC 6080: device, user, local-network;
     *                     AudioCodes sends application)
     */
    public record PnpRule(String name, List<String> vendors, Optional<Pattern> model, Optional<Pattern> userAgent,
                          List<String> profileTypes, String url) {
        public static final List<String> PLACEHOLDERS = List.of("mac", "MAC", "model", "vendor", "version");

        public PnpRule {
            vendors = vendors.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
            profileTypes = profileTypes.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        }

        /** Does the URL need the phone's MAC? A SUBSCRIBE without one then cannot be answered. */
        public boolean needsMac() {
            return url.contains("{mac}") || url.contains("{MAC}");
        }

        /** By pattern text: {@link Pattern} has no value equality, and a reload compares settings. */
        @Override
        public boolean equals(Object o) {
            return o instanceof PnpRule r && r.name.equals(name) && r.vendors.equals(vendors)
                    && r.model.map(Pattern::pattern).equals(model.map(Pattern::pattern))
                    && r.userAgent.map(Pattern::pattern).equals(userAgent.map(Pattern::pattern))
                    && r.profileTypes.equals(profileTypes) && r.url.equals(url);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, vendors, model.map(Pattern::pattern), userAgent.map(Pattern::pattern),
                    profileTypes, url);
        }
    }

    /**
     * check-sync NOTIFYs (APS seed 3.4).
     *
     * @param sourcePort     the UDP port NOTIFYs leave from (their address is
     *                       {@code suite.check_sync_source}); 0 picks a free one
     * @param phonePort      where phones listen for SIP when the inventory does not say
     * @param spanSeconds    a group send is spread over at least this long, so phones
     *                       that all re-provision at once do not make a boot storm
     * @param ratePerSecond  and never faster than this
     * @param t1Millis       RFC 3261 T1: first retransmission; doubles up to T2 (4 s)
     * @param timeoutMillis  RFC 3261 Timer F: no final answer by then is "no answer"
     */
    public record CheckSync(int sourcePort, int phonePort, int spanSeconds, int ratePerSecond, int t1Millis,
                         int timeoutMillis) {
        static CheckSync defaults() {
            return new CheckSync(0, 5060, 0, 50, 500, 32_000);
        }
    }
}
