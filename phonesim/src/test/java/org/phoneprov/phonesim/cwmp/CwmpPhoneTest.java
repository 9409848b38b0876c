package org.phoneprov.phonesim.cwmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.phonesim.net.FetchTimeouts;
import org.phoneprov.phonesim.net.HttpFetch;

class CwmpPhoneTest {
    static final String SIP = "Device.Services.VoiceService.1.VoiceProfile.1.SIP.";

    static CwmpPhone phone(TinyAcs acs, HttpFetch http, Path state) {
        AcsSettings s = new AcsSettings(acs.uri().toString(), "7C2F80E00001", "pw", Duration.ofHours(1));
        return new CwmpPhone(new CwmpPhone.Setup(CwmpRoot.DEVICE, ParameterTreeTest.ID, s, 2,
                InetAddress.getLoopbackAddress(), Optional.of(state)), http, Clock.systemUTC());
    }

    @Test
    void bootstrapsThenRebootsAsAskedAndKeepsItsParametersAcrossARestart(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("cwmp-7C2F80E00001.json");
        try (TinyAcs acs = new TinyAcs("7C2F80E00001", "pw");
             HttpFetch http = new HttpFetch(null, FetchTimeouts.DEFAULTS, "test")) {
            acs.requests.add(TinyAcs.envelope("SetParameterValues", "<ParameterList><ParameterValueStruct><Name>" + SIP
                    + "ProxyServer</Name><Value>sip.example</Value></ParameterValueStruct></ParameterList>"
                    + "<ParameterKey>k1</ParameterKey>"));
            acs.requests.add(TinyAcs.envelope("Reboot", "<CommandKey>rb-1</CommandKey>"));
            try (CwmpPhone p = phone(acs, http, state)) {
                CwmpReport r = p.start(Duration.ofSeconds(20));
                assertEquals(2, r.informs(), r.line());
                assertEquals(2, r.rpcs());
            }
            String first = acs.received.get(0);
            assertTrue(first.contains("<EventCode>0 BOOTSTRAP</EventCode>") && first.contains("1 BOOT"), first);
            assertTrue(first.contains("<Name>Device.ManagementServer.ConnectionRequestURL</Name><Value xsi:type="
                    + "\"xsd:string\">http://127.0.0.1:"), first);
            String second = acs.received.stream().filter(b -> b.contains("M Reboot")).findFirst().orElseThrow();
            assertTrue(second.contains("<EventCode>M Reboot</EventCode><CommandKey>rb-1</CommandKey>"), second);
            assertTrue(!second.contains("BOOTSTRAP") && second.contains("1 BOOT"), second);

            acs.received.clear();
            try (CwmpPhone p = phone(acs, http, state)) {
                p.start(Duration.ofSeconds(20));
                assertEquals(Optional.of("sip.example"), p.tree().value(SIP + "ProxyServer"));
                assertEquals(Optional.of("k1"), p.tree().value("Device.ManagementServer.ParameterKey"));
            }
            String restart = acs.received.get(0);
            assertTrue(!restart.contains("BOOTSTRAP") && restart.contains("4 VALUE CHANGE"), restart);
            assertTrue(restart.contains("<Value xsi:type=\"xsd:string\">k1</Value>"), restart);
        }
    }

    @Test
    void retryWaitsFollow3211() {
        java.util.Random zero = new java.util.Random() {
            @Override
            public double nextDouble() {
                return 0;
            }
        };
        assertEquals(Duration.ofSeconds(5), CwmpPhone.retryWait(1, zero));
        assertEquals(Duration.ofSeconds(10), CwmpPhone.retryWait(2, zero));
        assertEquals(Duration.ofSeconds(2560), CwmpPhone.retryWait(15, zero));
    }
}
