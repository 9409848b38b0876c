package org.phoneprov.phonesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.cwmp.CwmpRoot;
import org.phoneprov.phonesim.gigaset.DigestCredentials;
import org.phoneprov.phonesim.net.FetchTimeouts;
import org.phoneprov.phonesim.net.HttpFetch;
import org.phoneprov.phonesim.phone.BootReport;
import org.phoneprov.phonesim.phone.Bootable;
import org.phoneprov.phonesim.phone.CheckSyncs;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.phoneprov.phonesim.phone.PhoneStateStore;

class SimulatedCpeTest {
    @Test
    void aBootedPhoneInformsTheAcsAndItsReportLineSaysSo() throws Exception {
        List<String> posts = new ArrayList<>();
        HttpServer acs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        acs.createContext("/", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posts.add(body);
            if (body.contains("<cwmp:Inform>")) {
                byte[] out = ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:cwmp=\""
                        + "urn:dslforum-org:cwmp-1-0\"><s:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes>"
                        + "</cwmp:InformResponse></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, out.length);
                x.getResponseBody().write(out);
            } else {
                x.sendResponseHeaders(204, -1);
            }
            x.close();
        });
        acs.start();
        PhoneIdentity id = new PhoneIdentity(Mac.of(0x7C2F80E00001L), Model.N510);
        Bootable phone = new Bootable() {
            public PhoneIdentity identity() {
                return id;
            }

            public BootReport boot() {
                return null;
            }

            public Optional<InetAddress> address() {
                return Optional.of(InetAddress.getLoopbackAddress());
            }

            public Optional<CheckSyncs> checkSyncs() {
                return Optional.empty();
            }
        };
        CwmpPlan plan = new CwmpPlan("http://127.0.0.1:" + acs.getAddress().getPort() + "/acs", CwmpRoot.IGD,
                Map.of(id.mac(), new DigestCredentials("u", "p")), Duration.ofMinutes(5));
        try (SimulatedPhone sp = new SimulatedPhone(phone, null, new Simulation.Listener() { }, a -> a,
                Optional.of(new SimulatedPhone.Cpe(plan, PhoneStateStore.memory(),
                        a -> new HttpFetch(a, FetchTimeouts.DEFAULTS, "t"))))) {
            sp.startCpe();
            assertEquals("cwmp 1 inform (0 BOOTSTRAP, 1 BOOT), 0 RPCs, 0 faults", sp.cwmpLine());
        } finally {
            acs.stop(0);
        }
        assertTrue(posts.get(0).contains("<Name>InternetGatewayDevice.ManagementServer.ConnectionRequestURL</Name>"));
        assertTrue(posts.get(0).contains("<SerialNumber>7C2F80E00001</SerialNumber>"));
    }
}
