package org.phoneprov.sipd.pnp;

import gov.nist.javax.sip.message.SIPRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.sip.message.Request;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.daemon.PairShare;
import org.phoneprov.common.guard.TokenBuckets;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.sipd.message.Printable;
import org.phoneprov.sipd.message.SipHeaders;

/**
 * Whether and how to answer one request that reached the plug-and-play responder, in the
 * order a careful responder asks (Gigaset seed, "SIP-Multicast mechanism"; RFC 6080 5):
 * <ol>
 *   <li>is the source in {@code allow}? — otherwise silence, even on unicast;</li>
 *   <li>is it a SUBSCRIBE? — multicast: silence; unicast: 405 (an ACK: nothing, RFC 3261 17.2.1);</li>
 *   <li>for {@code Event: ua-profile}? — multicast: silence; unicast: 489 (RFC 6665 8.3.2);</li>
 *   <li>the first rule, in written order, whose every given matcher holds (vendor, model,
 *       User-Agent, profile-type; see {@link SipdSettings.PnpRule}) and whose URL can be
 *       filled (a rule needing {@code {mac}} is passed over when the SUBSCRIBE has no MAC,
 *       so a MAC-less fallback rule may follow it);</li>
 *   <li>and the source's rate budget, charged only for what is actually sent.</li>
 * </ol>
 * Single-threaded by contract (the owning event loop), like {@link TokenBuckets}.
 */
public final class PnpDecision {
    /** A guard for the whole responder; far above what a LAN of booting phones sends. */
    static final int GLOBAL_PER_SECOND = 50_000;
    /** RFC 6080 4.1 makes profile-type mandatory; a phone that leaves it out wants its device profile. */
    static final String DEFAULT_PROFILE_TYPE = "device";
    /** A User-Agent longer than this matches no rule's pattern: the admin's pattern never runs on a flood of text. */
    static final int MAX_USER_AGENT = 512;

    private final PairShare pair;
    private TokenBuckets buckets;
    private int bucketsRate = -1;

    /** A node alone: every phone is its own. */
    public PnpDecision() {
        this(new PairShare());
    }

    /** @param pair which phones this node answers when two nodes serve the site (dhcpd.ha) */
    public PnpDecision(PairShare pair) {
        this.pair = pair;
    }

    public PnpOutcome decide(SIPRequest request, InetSocketAddress source, boolean multicast,
                             SipdSettings.Pnp settings, long nowNanos) {
        InetAddress from = source.getAddress();
        if (from == null || !settings.allows(from)) {
            return silence(PnpSilence.NOT_ALLOWED_SUBNET, "");
        }
        String method = request.getMethod();
        if (!Request.SUBSCRIBE.equals(method)) {
            if (multicast || Request.ACK.equals(method)) {
                return silence(PnpSilence.NOT_SUBSCRIBE, "method=" + Printable.of(method, 20));
            }
            return charged(new PnpOutcome.Refuse(PnpRefusal.METHOD_NOT_ALLOWED), settings, from, nowNanos);
        }
        Optional<String> eventHeader = SipHeaders.value(request, SipHeaders.EVENT);
        Optional<UaProfileEvent> parsed = eventHeader.flatMap(UaProfileEvent::parse);
        if (parsed.isEmpty()) {
            if (multicast) {
                return silence(PnpSilence.NOT_UA_PROFILE, "event=" + Printable.of(eventHeader.orElse("-"), 40));
            }
            return charged(new PnpOutcome.Refuse(PnpRefusal.BAD_EVENT), settings, from, nowNanos);
        }
        UaProfileEvent event = parsed.get();
        String vendor = event.vendor().orElse("");
        String model = event.model().orElse("");
        String type = event.profileType().orElse(DEFAULT_PROFILE_TYPE);
        Optional<Mac> mac = PnpMac.find(request, parsed);
        Optional<String> userAgent = SipHeaders.value(request, SipHeaders.USER_AGENT);
        boolean typeMismatch = false;
        boolean macMissing = false;
        for (SipdSettings.PnpRule rule : settings.vendors()) {
            if (!vendorMatches(rule, event.vendor()) || !modelMatches(rule, event.model())
                    || !userAgentMatches(rule, userAgent)) {
                continue;
            }
            if (!rule.profileTypes().isEmpty() && !rule.profileTypes().contains(type)) {
                typeMismatch = true;
                continue;
            }
            if (rule.needsMac() && mac.isEmpty()) {
                macMissing = true;
                continue;
            }
            if (!pair.answers(mac)) {
                // The other node of the pair answers this phone: one answer per SUBSCRIBE, as the first wins.
                return silence(PnpSilence.PARTNERS_PHONE, "mac=" + mac.map(Mac::colon).orElse("-"));
            }
            String url = PnpUrl.fill(rule.url(), mac, vendor, model, event.version().orElse(""));
            return charged(new PnpOutcome.Answer(rule, url, mac, vendor, model, event), settings, from, nowNanos);
        }
        String detail = "vendor=\"" + Printable.of(vendor, 40) + "\" model=\"" + Printable.of(model, 40)
                + "\" profile-type=" + Printable.of(type, 20)
                + " user-agent=\"" + Printable.of(userAgent.orElse(""), 60) + "\"";
        return silence(macMissing ? PnpSilence.NO_MAC : typeMismatch ? PnpSilence.PROFILE_TYPE : PnpSilence.NO_RULE,
                detail);
    }

    /** Empty vendors: any phone, even one that names no vendor; otherwise an exact, case-insensitive name. */
    static boolean vendorMatches(SipdSettings.PnpRule rule, Optional<String> vendor) {
        return rule.vendors().isEmpty()
                || vendor.map(v -> rule.vendors().contains(v.toLowerCase(Locale.ROOT))).orElse(false);
    }

    /** No pattern: any model; otherwise the whole model must match (a SUBSCRIBE without one does not). */
    static boolean modelMatches(SipdSettings.PnpRule rule, Optional<String> model) {
        return rule.model().isEmpty() || model.map(m -> rule.model().get().matcher(m).matches()).orElse(false);
    }

    /**
     * No pattern: any phone; otherwise the pattern is found in the header (Gigaset: "containing
     * at first the product name", so a rule anchors it with {@code ^}); no header, no match.
     */
    static boolean userAgentMatches(SipdSettings.PnpRule rule, Optional<String> userAgent) {
        return rule.userAgent().isEmpty() || userAgent.filter(u -> u.length() <= MAX_USER_AGENT)
                .map(u -> rule.userAgent().get().matcher(u).find()).orElse(false);
    }

    private PnpOutcome charged(PnpOutcome outcome, SipdSettings.Pnp settings, InetAddress from, long nowNanos) {
        if (buckets == null || bucketsRate != settings.perSourcePerSecond()) {
            // A reload that changes the rate starts every source with a full budget: harmless, and simple.
            buckets = new TokenBuckets(settings.perSourcePerSecond(), GLOBAL_PER_SECOND, nowNanos);
            bucketsRate = settings.perSourcePerSecond();
        }
        TokenBuckets.Verdict v = buckets.admit(key(from), nowNanos);
        return v == TokenBuckets.Verdict.PASS ? outcome
                : silence(PnpSilence.RATE_LIMITED, "limit=" + v.name().toLowerCase(Locale.ROOT));
    }

    /** IPv4: the address itself; IPv6: a hash, kept apart from the IPv4 key space. */
    static long key(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        }
        return (1L << 32) | (Arrays.hashCode(b) & 0xFFFF_FFFFL);
    }

    private static PnpOutcome.Silence silence(PnpSilence reason, String detail) {
        return new PnpOutcome.Silence(reason, detail);
    }
}
