package org.phoneprov.phonesim.cwmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.net.FetchTimeouts;
import org.phoneprov.phonesim.net.HttpFetch;

class CwmpSessionTest {
    static final String SIP = "Device.Services.VoiceService.1.VoiceProfile.1.SIP.";

    static CwmpSession.Outcome session(TinyAcs acs, String password, ParameterTree tree,
                                       Optional<CwmpSession.Transfer> transfer) {
        try (HttpFetch http = new HttpFetch(null, FetchTimeouts.DEFAULTS, "test")) {
            AcsClient c = new AcsClient(http, acs.uri(), "7C2F80E00001", password);
            byte[] inform = SoapWriter.inform("1", ParameterTreeTest.ID, List.of(CwmpEvent.of(CwmpEvent.BOOT)),
                    "2024-01-01T00:00:00Z", 0, List.of());
            return CwmpSession.run(c, tree, inform, transfer);
        }
    }

    @Test
    void informThenAnswersEachRequestWithTheCookieOnEveryPostUntil204() throws Exception {
        try (TinyAcs acs = new TinyAcs("7C2F80E00001", "pw")) {
            acs.requests.add(TinyAcs.envelope("GetParameterValues", "<ParameterNames><string>" + SIP
                    + "ProxyServerPort</string></ParameterNames>"));
            acs.requests.add(TinyAcs.envelope("SetParameterValues", "<ParameterList><ParameterValueStruct><Name>" + SIP
                    + "ProxyServer</Name><Value xsi:type=\"xsd:string\">sip.example</Value></ParameterValueStruct>"
                    + "</ParameterList><ParameterKey>k</ParameterKey>"));
            acs.requests.add(TinyAcs.envelope("Upload", ""));
            ParameterTree tree = ParameterTreeTest.phone();
            CwmpSession.Outcome o = session(acs, "pw", tree, Optional.empty());
            assertTrue(o.ok(), o.error());
            assertEquals(List.of("GetParameterValues", "SetParameterValues", "Upload 9000"), o.answered());
            assertEquals(1, o.faults());
            assertEquals(Optional.of("sip.example"), tree.value(SIP + "ProxyServer"));
            // Inform without a cookie; every later POST, the empty one too, with it (seed, "Use of Cookies").
            assertEquals(List.of("", "session=abc", "session=abc", "session=abc", "session=abc"), acs.cookies);
            assertEquals("", acs.received.get(1));
            assertEquals(List.of("", "(none)", "", "", ""), acs.soapActions);
            assertTrue(acs.received.get(2).contains("<Value xsi:type=\"xsd:unsignedInt\">5060</Value>"));
            // One challenge; the nonce is then reused with an increasing nonce-count (RFC 7616 3.4).
            assertEquals(1, acs.challenges);
            assertEquals(List.of("00000001", "00000002", "00000003", "00000004", "00000005"), acs.ncs);
        }
    }

    @Test
    void anRfc2965CookieIsReturnedInItsNewStyleForm() throws Exception {
        try (TinyAcs acs = new TinyAcs("7C2F80E00001", "pw")) {
            acs.cookie2 = true;
            assertTrue(session(acs, "pw", ParameterTreeTest.phone(), Optional.empty()).ok());
            assertEquals("$Version=\"1\"; session=\"abc\"; $Path=\"/acs\"", acs.cookies.get(1));
        }
    }

    @Test
    void basicAuthenticationAndAWrongPasswordEndsTheSession() throws Exception {
        try (TinyAcs acs = new TinyAcs("7C2F80E00001", "pw")) {
            acs.basic = true;
            assertTrue(session(acs, "pw", ParameterTreeTest.phone(), Optional.empty()).ok());
            CwmpSession.Outcome bad = session(acs, "wrong", ParameterTreeTest.phone(), Optional.empty());
            assertFalse(bad.informed());
            assertTrue(bad.error().contains("HTTP 401"), bad.error());
        }
    }

    @Test
    void aFinishedDownloadIsReportedAfterTheInformResponse() throws Exception {
        try (TinyAcs acs = new TinyAcs("7C2F80E00001", "pw")) {
            CwmpSession.Outcome o = session(acs, "pw", ParameterTreeTest.phone(), Optional.of(
                    new CwmpSession.Transfer("dl-1", 0, "", "2024-01-01T00:00:01Z", "2024-01-01T00:00:02Z")));
            assertTrue(o.ok() && o.transferred(), o.toString());
            String tc = acs.received.get(1);
            assertTrue(tc.contains("<cwmp:TransferComplete><CommandKey>dl-1</CommandKey><FaultStruct><FaultCode>0"
                    + "</FaultCode><FaultString></FaultString></FaultStruct><StartTime>2024-01-01T00:00:01Z"), tc);
            assertTrue(tc.contains("xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\""), "the ACS's version from then on");
        }
    }
}
