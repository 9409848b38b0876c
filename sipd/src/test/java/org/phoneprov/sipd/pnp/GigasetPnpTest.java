package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.sipd.pnp.PnpFixtures.SNOM;
import static org.phoneprov.sipd.pnp.PnpFixtures.request;
import static org.phoneprov.sipd.pnp.PnpFixtures.rule;
import static org.phoneprov.sipd.pnp.PnpFixtures.settings;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.sipd.message.SipSamples;

/**
 * Gigaset phones told apart by their User-Agent (Gigaset wiki: "the PBX identifies it via the
 * SIP-User-Agent header, which is containing at first the product name"; docs/vendor-formats.md
 * 5), answered with the URL of the profile the suite serves for them, {@code gigaset/<MAC>.xml}.
 */
class GigasetPnpTest {
    private static final String PRODUCTS = "^(Gigaset )?(N510|N720|N870|Maxwell)";
    private static final SipdSettings.PnpRule GIGASET = rule("gigaset", List.of(), null, PRODUCTS, List.of("device"),
            "http://10.77.0.1/gigaset/{MAC}.xml");
    private static final InetSocketAddress PHONE = new InetSocketAddress("192.168.10.71", 5060);
    private static final long SECOND = 1_000_000_000L;

    private final PnpDecision decision = new PnpDecision();
    private long now = 7 * SECOND;

    private PnpOutcome decide(String text, SipdSettings.PnpRule... rules) {
        now += SECOND; // each call inside the per-source budget
        return decision.decide(request(text), PHONE, true, settings(rules), now);
    }

    private PnpOutcome.Answer answer(String text, SipdSettings.PnpRule... rules) {
        PnpOutcome o = decide(text, rules);
        return assertInstanceOf(PnpOutcome.Answer.class, o, o::toString);
    }

    private PnpOutcome.Silence silence(String text, SipdSettings.PnpRule... rules) {
        PnpOutcome o = decide(text, rules);
        return assertInstanceOf(PnpOutcome.Silence.class, o, o::toString);
    }

    private static String withUserAgent(String text, String userAgent) {
        return text.replaceFirst("User-Agent: [^\r]*", "User-Agent: " + userAgent);
    }

    @Test
    void maxwellWithoutVendorIsToldItsProfileByTheMacInTheRequestUri() {
        PnpOutcome.Answer a = answer(SipSamples.GIGASET_MAXWELL, SNOM, GIGASET);
        assertEquals(GIGASET, a.rule());
        assertEquals("http://10.77.0.1/gigaset/7C2F8030D21E.xml", a.url());
        assertEquals(Mac.parse("7C2F8030D21E"), a.mac());
        assertEquals("", a.vendor(), "the Event header names no vendor");
    }

    @Test
    void n510SayingVendorOemIsToldItsProfileWhenTheGigasetRuleComesFirst() {
        PnpOutcome.Answer a = answer(SipSamples.GIGASET_N510, GIGASET, SNOM);
        assertEquals("http://10.77.0.1/gigaset/7C2F804DF9A9.xml", a.url(), "upper-case MAC, as the profile is named");
        assertEquals("OEM", a.vendor());
        assertEquals(SNOM, answer(SipSamples.GIGASET_N510, SNOM, GIGASET).rule(),
                "rules are tried in written order: a vendor=OEM rule first takes the Gigaset too");
    }

    @Test
    void theProductNameIsFoundIgnoringCaseAndAnchoredWhereThePatternSaysSo() {
        for (String ua : List.of("Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E4", "gigaset n870 ip pro/83.0",
                "N510 IP PRO/42.245.00.000.000;7C2F804DF9A9", "MAXWELL 3/2.11.6")) {
            assertEquals(GIGASET, answer(withUserAgent(SipSamples.GIGASET_MAXWELL, ua), GIGASET).rule(), ua);
        }
        for (String ua : List.of("snomD785/10.1.33.33", "Yealink SIP-T46S 66.86.0.15", "not a Gigaset N510")) {
            assertEquals(PnpSilence.NO_RULE, silence(withUserAgent(SipSamples.GIGASET_MAXWELL, ua), GIGASET).reason(),
                    ua);
        }
    }

    @Test
    void aSubscribeWithoutUserAgentMatchesNoUserAgentRuleAndTheLogSaysWhatCame() {
        PnpOutcome.Silence s = silence(SipSamples.SNOM, GIGASET);
        assertEquals(PnpSilence.NO_RULE, s.reason(), "the Snom sample sends no User-Agent");
        assertTrue(s.detail().endsWith("user-agent=\"\""), s.detail());
        PnpOutcome.Silence other = silence(withUserAgent(SipSamples.GIGASET_MAXWELL, "Acme \"X\"/1"), GIGASET);
        assertTrue(other.detail().endsWith("user-agent=\"Acme ?X?/1\""), "printable, no quotes: " + other.detail());
    }

    @Test
    void everyMatcherARuleGivesMustHold() {
        SipdSettings.PnpRule oemGigaset = rule("oem-gigaset", List.of("oem"), "OEM", PRODUCTS, List.of("device"),
                "http://10.77.0.1/gigaset/{MAC}.xml");
        assertEquals(oemGigaset, answer(SipSamples.GIGASET_N510, oemGigaset).rule(), "vendor, model and UA all hold");
        assertEquals(PnpSilence.NO_RULE, silence(SipSamples.GIGASET_MAXWELL, oemGigaset).reason(), "no vendor");
        assertEquals(PnpSilence.NO_RULE, silence(withUserAgent(SipSamples.GIGASET_N510, "snom370/8.7"), oemGigaset)
                .reason(), "vendor=OEM but not a Gigaset User-Agent");
        SipdSettings.PnpRule userType = rule("user", List.of(), null, PRODUCTS, List.of("user"), "http://x/");
        assertEquals(PnpSilence.PROFILE_TYPE, silence(SipSamples.GIGASET_MAXWELL, userType).reason());
    }

    @Test
    void aUserAgentLongerThanTheBoundMatchesNothing() {
        String longUa = "Gigaset N510 IP PRO/" + "1".repeat(PnpDecision.MAX_USER_AGENT);
        assertEquals(PnpSilence.NO_RULE, silence(withUserAgent(SipSamples.GIGASET_MAXWELL, longUa), GIGASET).reason());
    }

    @Test
    void withoutAMacTheProfileRuleIsPassedOver() {
        String noMac = SipSamples.GIGASET_MAXWELL.replace("MAC%3A7C2F8030D21E", "anonymous");
        assertEquals(PnpSilence.NO_MAC, silence(noMac, GIGASET).reason());
    }
}
