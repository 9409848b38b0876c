package org.phoneprov.phonesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The HTML report: well-formed, every provisioned phone on the curve, failed ones marked, text escaped. */
class HtmlReportTest {
    static SimulationReport.PhoneLine phone(int i, boolean ok, double seconds, String outcome) {
        return new SimulationReport.PhoneLine(new PhoneIdentity(Mac.of(0x00147F770000L + i), Model.ST2030S),
                "10.77.1." + i, outcome, ok, 1, 0, Duration.ofMillis((long) (seconds * 1000)), Map.of("http", 3), "untagged");
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // The page's own <!DOCTYPE html> has no external subset; nothing is loaded.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyProvisionedPhoneIsAPointOfTheCurveSlowestLastAndFailuresAreMarked() throws Exception {
        List<SimulationReport.PhoneLine> phones = new ArrayList<>();
        phones.add(phone(1, true, 3.0, "PROVISIONED"));
        phones.add(phone(2, true, 1.0, "PROVISIONED"));
        phones.add(phone(3, false, 40.0, "FAILED \"Server Unreachable\" <after 3 tries> & more"));
        phones.add(phone(4, true, 2.0, "PROVISIONED"));
        SimulationReport r = new SimulationReport(phones, Duration.ofSeconds(41), Map.of("Server Unreachable", 1),
                Map.of("http", 9L), Map.of(), 0, 0, 0, 0, "each phone its own lease", "", Map.of());
        String html = HtmlReport.render(r, "4 phones against <lab> & co");
        Document doc = parse(html);
        Element polyline = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").item(0);
        String[] points = polyline.getAttribute("points").trim().split(" ");
        assertEquals(3, points.length, "one point per provisioned phone");
        double[] y = new double[3];
        for (int i = 0; i < 3; i++) {
            y[i] = Double.parseDouble(points[i].split(",")[1]);
        }
        assertTrue(y[0] > y[1] && y[1] > y[2], "fastest first: higher on the page means slower " + html);
        assertEquals(1, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength(),
                "the failed phone");
        assertTrue(html.contains("4 phones against &lt;lab&gt; &amp; co"), "the title is escaped");
        assertTrue(html.contains("&lt;after 3 tries&gt; &amp; more"), html);
        assertTrue(html.contains("3 of 4") && html.contains("median 2.00 s, p99 3.00 s, max 3.00 s"), html);
        assertFalse(html.contains("<script"), "no script, nothing fetched");
    }

    @Test
    void noPhoneProvisionedStillMakesAPageAndAxisEndsAreRound() throws Exception {
        SimulationReport r = new SimulationReport(List.of(phone(1, false, 1, "FAILED \u0007bell")), Duration.ZERO,
                Map.of("x", 1), Map.of(), Map.of(), 0, 0, 0, 0, "none leased", "", Map.of());
        Document doc = parse(HtmlReport.render(r, "t"));
        assertEquals(0, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength());
        assertEquals(0.5, HtmlReport.niceCeiling(0.37), 1e-9);
        assertEquals(10, HtmlReport.niceCeiling(7.2), 1e-9);
        assertEquals(25, HtmlReport.niceCeiling(23), 1e-9);
        assertEquals(2, HtmlReport.niceCeiling(2), 1e-9);
    }
}
