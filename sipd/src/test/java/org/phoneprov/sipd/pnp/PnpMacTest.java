package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phoneprov.sipd.pnp.PnpFixtures.request;
import static org.phoneprov.sipd.pnp.PnpFixtures.snomWithEvent;
import static org.phoneprov.sipd.pnp.PnpFixtures.snomWithUser;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.sipd.message.SipHeaders;
import org.phoneprov.sipd.message.SipSamples;

class PnpMacTest {
    private static final Optional<Mac> SNOM = Mac.parse("00135E874B49");
    private static final Optional<Mac> YEALINK = Mac.parse("001565AABBCC");

    private static Optional<Mac> find(String text) {
        SIPRequest r = request(text);
        return PnpMac.find(r, SipHeaders.value(r, SipHeaders.EVENT).flatMap(UaProfileEvent::parse));
    }

    @Test
    void everySpellingOfTheUserPart() {
        String[] users = {"MAC%3a001565aabbcc", "MAC%3A001565AABBCC", "mac%3a001565aabbcc", "MAC:001565aabbcc",
            "MAC=001565aabbcc", "001565aabbcc", "001565AABBCC", "00-15-65-AA-BB-CC", "00:15:65:aa:bb:cc",
            "0015.65aa.bbcc", "MAC%3a00-15-65-aa-bb-cc", "MAC%3d001565aabbcc", "%4d%41%43%3a001565aabbcc"};
        for (String u : users) {
            assertEquals(YEALINK, PnpMac.fromUser(u), u);
        }
    }

    @Test
    void notMacs() {
        String[] users = {"00000001", "MAC%3a", "MAC:00135E874B4", "MAC:00135E874B49X", "MACX00135E874B49",
            "000000000000", "MAC:010000000001", "ffffffffffff", "%zz", "%", "MAC%3g001565aabbcc", "alice", ""};
        for (String u : users) {
            assertEquals(Optional.empty(), PnpMac.fromUser(u), u);
        }
        assertEquals(Optional.empty(), PnpMac.fromUser(null));
    }

    @Test
    void snomRequestUri() {
        assertEquals(SNOM, find(SipSamples.SNOM));
    }

    @Test
    void yealinkCompactForm() {
        assertEquals(YEALINK, find(SipSamples.YEALINK_COMPACT));
    }

    @Test
    void audioCodesHasNone() {
        assertEquals(Optional.empty(), find(SipSamples.AUDIOCODES));
    }

    @Test
    void requestUriFirstThenFromThenTo() {
        String text = SipSamples.SNOM
                .replaceFirst("SUBSCRIBE sip:MAC%3a00135E874B49@", "SUBSCRIBE sip:224.0.1.75@")
                .replaceFirst("From: <sip:MAC%3a00135E874B49@", "From: <sip:MAC:001565aabbcc@");
        assertEquals(YEALINK, find(text), "From when the Request-URI has none");
        String onlyTo = text.replaceFirst("From: <sip:MAC:001565aabbcc@", "From: <sip:anonymous@");
        assertEquals(SNOM, find(onlyTo), "To when neither has one");
    }

    @Test
    void eventThenContactParameter() {
        String none = snomWithUser("anonymous");
        assertEquals(Optional.empty(), find(none));
        assertEquals(YEALINK, find(snomWithUser("anonymous").replaceFirst("Event: [^\r]*",
                "Event: ua-profile;mac=00:15:65:aa:bb:cc")));
        assertEquals(YEALINK, find(none.replace("Contact: <sip:192.168.10.67:5060>",
                "Contact: <sip:192.168.10.67:5060>;mac=001565aabbcc")));
        assertEquals(YEALINK, find(none.replace("Contact: <sip:192.168.10.67:5060>",
                "Contact: <sip:192.168.10.67:5060;mac=MAC%3a001565aabbcc>")));
    }

    @Test
    void macInAnEventJainSipCannotParse() {
        assertEquals(YEALINK, find(snomWithEvent("ua-profile;model=\"T46S\";mac=00:15:65:aa:bb:cc")
                .replace("MAC%3a00135E874B49", "anonymous")));
    }
}
