package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.phoneprov.sipd.pnp.PnpFixtures.AUDIOCODES;
import static org.phoneprov.sipd.pnp.PnpFixtures.SNOM;
import static org.phoneprov.sipd.pnp.PnpFixtures.YEALINK;
import static org.phoneprov.sipd.pnp.PnpFixtures.address;
import static org.phoneprov.sipd.pnp.PnpFixtures.request;
import static org.phoneprov.sipd.pnp.PnpFixtures.rule;
import static org.phoneprov.sipd.pnp.PnpFixtures.settings;
import static org.phoneprov.sipd.pnp.PnpFixtures.snomWithEvent;
import static org.phoneprov.sipd.pnp.PnpFixtures.snomWithUser;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.sipd.message.SipSamples;

class PnpDecisionTest {
    private static final InetSocketAddress SNOM_PHONE = new InetSocketAddress("192.168.10.67", 5060);
    private static final InetSocketAddress AUDIOCODES_PHONE = new InetSocketAddress("10.13.2.37", 5060);
    private static final long SECOND = 1_000_000_000L;
    private static final SipdSettings.Pnp ALL = settings(SNOM, AUDIOCODES, YEALINK);

    private final PnpDecision decision = new PnpDecision();
    private long now = 42 * SECOND;

    private PnpOutcome decide(String text, InetSocketAddress source, boolean multicast, SipdSettings.Pnp s) {
        return decision.decide(request(text), source, multicast, s, now);
    }

    private PnpOutcome.Answer answer(String text) {
        PnpOutcome o = decide(text, SNOM_PHONE, true, ALL);
        return assertInstanceOf(PnpOutcome.Answer.class, o, o::toString);
    }

    private PnpSilence silence(String text, InetSocketAddress source, boolean multicast, SipdSettings.Pnp s) {
        PnpOutcome o = decide(text, source, multicast, s);
        return assertInstanceOf(PnpOutcome.Silence.class, o, o::toString).reason();
    }

    private static String asMethod(String text, String method) {
        return text.replace("SUBSCRIBE sip:", method + " sip:").replace("CSeq: 1 SUBSCRIBE", "CSeq: 1 " + method);
    }

    @Test
    void snomIsAnsweredWithItsMacInTheUrl() {
        PnpOutcome.Answer a = answer(SipSamples.SNOM);
        assertEquals(SNOM, a.rule());
        assertEquals("http://10.77.0.1/snom/00135e874b49.xml", a.url());
        assertEquals(Mac.parse("00135E874B49"), a.mac());
        assertEquals("OEM", a.vendor());
        assertEquals("OEM", a.model());
    }

    @Test
    void aPhoneOfThePartnerNodeGetsSilenceSoThePhoneHearsOneAnswer() {
        org.phoneprov.common.daemon.PairShare pair = new org.phoneprov.common.daemon.PairShare();
        PnpDecision paired = new PnpDecision(pair);
        pair.install(mac -> !mac.equals(Mac.parse("00135E874B49")));
        PnpOutcome o = paired.decide(request(SipSamples.SNOM), SNOM_PHONE, true, ALL, now);
        assertEquals(PnpSilence.PARTNERS_PHONE, assertInstanceOf(PnpOutcome.Silence.class, o, o::toString).reason());
        pair.solo();
        assertInstanceOf(PnpOutcome.Answer.class, paired.decide(request(SipSamples.SNOM), SNOM_PHONE, true, ALL,
                now + SECOND), "alone again, every phone is this node's");
    }

    @Test
    void audioCodesWithoutVendorMatchesAnyVendorRule() {
        PnpOutcome o = decide(SipSamples.AUDIOCODES, AUDIOCODES_PHONE, true, ALL);
        PnpOutcome.Answer a = assertInstanceOf(PnpOutcome.Answer.class, o, o::toString);
        assertEquals("tftp://10.13.4.121", a.url());
        assertEquals(Optional.empty(), a.mac());
        assertEquals("", a.vendor());
    }

    @Test
    void yealinkCompactHeadersUpperCaseMacAndModel() {
        PnpOutcome.Answer a = answer(SipSamples.YEALINK_COMPACT);
        assertEquals("http://10.77.0.1/yealink/001565AABBCC.cfg?model=SIP-T46S&v=66.86.0.15", a.url());
    }

    @Test
    void everyMacSpellingReachesTheUrl() {
        for (String user : List.of("MAC%3a001565aabbcc", "MAC%3A001565AABBCC", "MAC:001565aabbcc",
                "MAC=001565aabbcc", "001565aabbcc", "00-15-65-aa-bb-cc", "00%3A15%3A65%3AAA%3ABB%3ACC", "0015.65aa.bbcc")) {
            now += SECOND; // stay inside the rate budget
            assertEquals("http://10.77.0.1/snom/001565aabbcc.xml", answer(snomWithUser(user)).url(), user);
        }
    }

    @Test
    void misspeltVendorMatches() {
        for (String name : List.of("vender", "vendor-id", "vendorid", "Vendor_ID")) {
            now += SECOND;
            PnpOutcome.Answer a = answer(snomWithEvent("ua-profile;profile-type=\"device\";" + name
                    + "=\"snom\";model=\"snom370\""));
            assertEquals(SNOM, a.rule(), name);
            assertEquals("snom", a.vendor());
        }
    }

    @Test
    void vendorIsCaseInsensitiveAndModelWholeMatch() {
        assertEquals(SNOM, answer(snomWithEvent("ua-profile;profile-type=device;vendor=SnOm;model=x")).rule());
        assertEquals(PnpSilence.NO_RULE, silence(SipSamples.AUDIOCODES.replace("440HD", "440HDX"),
                AUDIOCODES_PHONE, true, ALL));
        assertEquals(PnpSilence.NO_RULE, silence(SipSamples.AUDIOCODES.replace("440HD", "X440HD"),
                AUDIOCODES_PHONE, true, ALL));
        PnpOutcome o = decide(SipSamples.AUDIOCODES.replace("440HD", "405hd"), AUDIOCODES_PHONE, true, ALL);
        assertInstanceOf(PnpOutcome.Answer.class, o, "the config compiles model patterns case-insensitive");
    }

    @Test
    void noVendorOnlyMatchesRulesWithoutVendors() {
        SipdSettings.Pnp onlySnom = settings(SNOM);
        assertEquals(PnpSilence.NO_RULE, silence(snomWithEvent("ua-profile;profile-type=device;model=OEM"),
                SNOM_PHONE, true, onlySnom));
    }

    @Test
    void modelRuleNeedsAModel() {
        assertEquals(PnpSilence.NO_RULE, silence(SipSamples.AUDIOCODES.replace(";model=\"440HD\"", ""),
                AUDIOCODES_PHONE, true, ALL));
    }

    @Test
    void vendorMismatchIsSilence() {
        assertEquals(PnpSilence.NO_RULE, silence(snomWithEvent("ua-profile;profile-type=device;vendor=Cisco;model=x"),
                SNOM_PHONE, true, settings(SNOM, YEALINK)));
    }

    @Test
    void profileTypeMismatchIsSilence() {
        assertEquals(PnpSilence.PROFILE_TYPE, silence(snomWithEvent(
                "ua-profile;profile-type=\"user\";vendor=\"OEM\";model=\"OEM\""), SNOM_PHONE, true, ALL));
        assertEquals(PnpSilence.PROFILE_TYPE, silence(SipSamples.AUDIOCODES.replace("application", "local-network"),
                AUDIOCODES_PHONE, true, ALL));
    }

    @Test
    void missingProfileTypeCountsAsDeviceAndEmptyTypesAnswerAny() {
        assertEquals(SNOM, answer(snomWithEvent("ua-profile;vendor=OEM;model=OEM")).rule());
        SipdSettings.PnpRule any = rule("any", List.of(), null, List.of(), "http://x/{model}");
        PnpOutcome o = decide(snomWithEvent("ua-profile;profile-type=local-network;model=a/b"), SNOM_PHONE, true,
                settings(any));
        assertEquals("http://x/a%2Fb", assertInstanceOf(PnpOutcome.Answer.class, o).url());
    }

    @Test
    void urlNeedingMacWithoutMacIsSilenceUnlessALaterRuleFits() {
        String noMac = snomWithUser("anonymous");
        assertEquals(PnpSilence.NO_MAC, silence(noMac, SNOM_PHONE, true, settings(SNOM)));
        SipdSettings.PnpRule fallback = rule("fallback", List.of("oem"), null, List.of("device"), "http://x/{vendor}");
        PnpOutcome o = decide(noMac, SNOM_PHONE, true, settings(SNOM, fallback));
        assertEquals("http://x/OEM", assertInstanceOf(PnpOutcome.Answer.class, o).url());
    }

    @Test
    void firstMatchingRuleWins() {
        SipdSettings.PnpRule first = rule("first", List.of(), null, List.of("device"), "http://first/");
        SipdSettings.PnpRule second = rule("second", List.of("oem"), null, List.of("device"), "http://second/");
        PnpOutcome o = decide(SipSamples.SNOM, SNOM_PHONE, true, settings(first, second));
        assertEquals("first", assertInstanceOf(PnpOutcome.Answer.class, o).rule().name());
        o = decide(SipSamples.SNOM, SNOM_PHONE, true, settings(second, first));
        assertEquals("second", assertInstanceOf(PnpOutcome.Answer.class, o).rule().name());
    }

    @Test
    void noRulesIsSilence() {
        assertEquals(PnpSilence.NO_RULE, silence(SipSamples.SNOM, SNOM_PHONE, true, settings()));
    }

    @Test
    void sourceOutsideAllowIsSilenceEvenOnUnicast() {
        InetSocketAddress stranger = new InetSocketAddress("172.16.0.5", 5060);
        assertEquals(PnpSilence.NOT_ALLOWED_SUBNET, silence(SipSamples.SNOM, stranger, true, ALL));
        assertEquals(PnpSilence.NOT_ALLOWED_SUBNET, silence(asMethod(SipSamples.SNOM, "OPTIONS"), stranger, false, ALL));
        assertEquals(PnpSilence.NOT_ALLOWED_SUBNET, silence(SipSamples.SNOM, new InetSocketAddress("2001:db9::1", 5060),
                true, ALL));
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.SNOM, new InetSocketAddress("2001:db8::1", 5060),
                true, ALL));
        SipdSettings.Pnp noAllow = new SipdSettings.Pnp(address("224.0.1.75"), List.of(), List.of(), 5, List.of(SNOM));
        assertEquals(PnpSilence.NOT_ALLOWED_SUBNET, silence(SipSamples.SNOM, SNOM_PHONE, true, noAllow));
    }

    @Test
    void otherMethodsSilentOnMulticastRefusedOnUnicast() {
        for (String m : List.of("OPTIONS", "INVITE", "NOTIFY", "REGISTER", "PUBLISH", "FOO")) {
            now += SECOND;
            assertEquals(PnpSilence.NOT_SUBSCRIBE, silence(asMethod(SipSamples.SNOM, m), SNOM_PHONE, true, ALL), m);
            PnpOutcome o = decide(asMethod(SipSamples.SNOM, m), SNOM_PHONE, false, ALL);
            assertEquals(PnpRefusal.METHOD_NOT_ALLOWED, assertInstanceOf(PnpOutcome.Refuse.class, o, m).refusal());
        }
        assertEquals(PnpSilence.NOT_SUBSCRIBE, silence(asMethod(SipSamples.SNOM, "ACK"), SNOM_PHONE, false, ALL),
                "RFC 3261 17.2.1: an ACK is never answered");
    }

    @Test
    void otherEventsSilentOnMulticastRefusedOnUnicast() {
        for (String text : List.of(snomWithEvent("presence"), snomWithEvent("message-summary;id=1"),
                SipSamples.SNOM.replaceFirst("Event: [^\r]*\r\n", ""))) {
            assertEquals(PnpSilence.NOT_UA_PROFILE, silence(text, SNOM_PHONE, true, ALL));
            PnpOutcome o = decide(text, SNOM_PHONE, false, ALL);
            assertEquals(PnpRefusal.BAD_EVENT, assertInstanceOf(PnpOutcome.Refuse.class, o).refusal());
        }
    }

    @Test
    void unicastSubscribeIsAnsweredLikeMulticast() {
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.SNOM, SNOM_PHONE, false, ALL));
    }

    @Test
    void rateLimitPerSourceRefillsOverTime() {
        SipdSettings.Pnp two = settings(2, SNOM, AUDIOCODES);
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.SNOM, SNOM_PHONE, true, two));
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.SNOM, SNOM_PHONE, true, two));
        assertEquals(PnpSilence.RATE_LIMITED, silence(SipSamples.SNOM, SNOM_PHONE, true, two));
        assertEquals(PnpSilence.RATE_LIMITED, silence(SipSamples.SNOM, new InetSocketAddress("192.168.10.67", 5080),
                true, two), "per address, not per port");
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.AUDIOCODES, AUDIOCODES_PHONE, true, two),
                "another source has its own budget");
        now += SECOND / 2;
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.SNOM, SNOM_PHONE, true, two));
        assertEquals(PnpSilence.RATE_LIMITED, silence(SipSamples.SNOM, SNOM_PHONE, true, two));
        now += SECOND;
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.SNOM, SNOM_PHONE, true, two));
    }

    @Test
    void rateLimitAppliesToRefusalsButSilenceCostsNothing() {
        SipdSettings.Pnp one = settings(1, SNOM);
        for (int i = 0; i < 10; i++) {
            assertEquals(PnpSilence.NOT_UA_PROFILE, silence(snomWithEvent("presence"), SNOM_PHONE, true, one));
        }
        assertInstanceOf(PnpOutcome.Refuse.class, decide(snomWithEvent("presence"), SNOM_PHONE, false, one));
        assertEquals(PnpSilence.RATE_LIMITED, silence(SipSamples.SNOM, SNOM_PHONE, true, one));
    }

    @Test
    void aReloadWithAnotherRateTakesEffect() {
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.SNOM, SNOM_PHONE, true, settings(1, SNOM)));
        assertEquals(PnpSilence.RATE_LIMITED, silence(SipSamples.SNOM, SNOM_PHONE, true, settings(1, SNOM)));
        assertInstanceOf(PnpOutcome.Answer.class, decide(SipSamples.SNOM, SNOM_PHONE, true, settings(3, SNOM)));
    }

    @Test
    void rateKeys() {
        assertEquals(0xC0A80A43L, PnpDecision.key(address("192.168.10.67")));
        assertNotEquals(PnpDecision.key(address("2001:db8::1")), PnpDecision.key(address("2001:db8::2")));
        assertEquals(1L, PnpDecision.key(address("2001:db8::1")) >>> 32, "IPv6 keys apart from IPv4 ones");
    }
}
