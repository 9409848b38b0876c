package org.phoneprov.acsd.cwmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.acsd.cwmp.CwmpParseException.Reason;

class SoapReaderTest {
    static final SoapReader READER = new SoapReader(256 * 1024);

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = SoapReaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static Reason refused(String xml) {
        return assertThrows(CwmpParseException.class, () -> READER.read(xml.getBytes(StandardCharsets.UTF_8)))
                .reason();
    }

    @Test
    void aRealHuaweiInformReadsWhole() throws IOException {
        Envelope e = READER.read(fixture("inform-huawei-hg253s.xml"));
        assertEquals(CwmpVersion.V1_0, e.version());
        assertEquals(Optional.of("4711"), e.id());
        assertEquals("Inform", e.method());
        Inform i = Inform.decode(e.body());
        assertEquals(new Inform.DeviceId("Huawei", "00E0FC", "HG253s", "21530369847SC5900171"), i.device());
        assertEquals(List.of("4 VALUE CHANGE", "1 BOOT", "0 BOOTSTRAP"),
                i.events().stream().map(Inform.EventStruct::code).toList());
        assertTrue(i.has(Inform.BOOTSTRAP));
        assertEquals(1, i.maxEnvelopes());
        assertEquals(8, i.parameters().size());
        assertEquals(Optional.of(""), i.parameter("InternetGatewayDevice.ManagementServer.ParameterKey"));
        assertEquals(Optional.of("HG253sC01B035"), i.parameter("InternetGatewayDevice.DeviceInfo.SoftwareVersion"));
        assertEquals("InternetGatewayDevice.", i.root());
    }

    @Test
    void anEasycwmpInformInCwmp12WithATr181Root() throws IOException {
        Envelope e = READER.read(fixture("inform-easycwmp.xml"));
        assertEquals(CwmpVersion.V1_2, e.version());
        Inform i = Inform.decode(e.body());
        assertEquals("FFFFFF123456", i.device().serialNumber());
        assertEquals("OpenWrt\nhttp___openwrt.org_", i.device().manufacturer());
        assertEquals("Device.", i.root());
        assertEquals(List.of(""), i.commandKeys("2 PERIODIC"));
        assertEquals("xsd:string", i.parameters().get(0).type());
    }

    @Test
    void everyNamespaceFrom10To14AndNoOther() {
        for (int m = 0; m <= 4; m++) {
            assertEquals(m, CwmpVersion.of("urn:dslforum-org:cwmp-1-" + m).orElseThrow().minor());
        }
        assertTrue(CwmpVersion.of("urn:dslforum-org:cwmp-1-5").isEmpty());
        assertTrue(CwmpVersion.of("urn:dslforum-org:cwmp-2-0").isEmpty());
        assertTrue(CwmpVersion.of("urn:dslforum-org:cwmp-1-10").isEmpty());
        assertEquals(Reason.NOT_CWMP, refused(envelope("", "<x:Inform xmlns:x=\"urn:other\"/>")));
    }

    @Test
    void anExternalEntityIsNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + envelope("", "<cwmp:Inform><DeviceId><OUI>&x;</OUI></DeviceId></cwmp:Inform>");
        assertEquals(Reason.DTD, refused(xxe));
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + envelope("", "<cwmp:Inform><DeviceId><OUI>&b;</OUI></DeviceId></cwmp:Inform>");
        assertEquals(Reason.DTD, refused(laughs));
        assertEquals(Reason.DTD, refused("<!DOCTYPE html>" + envelope("", "<cwmp:Inform/>")));
    }

    @Test
    void sizeDepthAndShapeAreCapped() {
        byte[] big = new byte[256 * 1024 + 1];
        assertEquals(Reason.TOO_LARGE, assertThrows(CwmpParseException.class, () -> READER.read(big)).reason());
        String deep = "<a>".repeat(40) + "</a>".repeat(40);
        assertEquals(Reason.TOO_DEEP, refused(envelope("", "<cwmp:Inform>" + deep + "</cwmp:Inform>")));
        assertEquals(Reason.NOT_XML, refused("<soap:Envelope"));
        assertEquals(Reason.NOT_XML, refused("\u0000\u0001"));
        assertEquals(Reason.NOT_SOAP, refused("<Envelope><Body/></Envelope>"));
        assertEquals(Reason.NOT_SOAP, refused("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"/>"));
        assertEquals(Reason.BAD_RPC, refused(envelope("", "")));
        assertEquals(Reason.BAD_RPC, refused(envelope("", "<cwmp:Inform/><cwmp:Inform/>")));
        Envelope e = READER.read(envelope("", "<cwmp:Inform/>").getBytes(StandardCharsets.UTF_8));
        assertEquals(Reason.BAD_RPC, assertThrows(CwmpParseException.class, () -> Inform.decode(e.body())).reason());
    }

    @Test
    void aCpeFaultWithItsParameterFaults() {
        String fault = "<soap:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail>"
                + "<cwmp:Fault><FaultCode>9003</FaultCode><FaultString>Invalid arguments</FaultString>"
                + "<SetParameterValuesFault><ParameterName>Device.X.Y</ParameterName><FaultCode>9005</FaultCode>"
                + "<FaultString>Invalid parameter name</FaultString></SetParameterValuesFault>"
                + "</cwmp:Fault></detail></soap:Fault>";
        Envelope e = READER.read(envelope("<cwmp:ID soap:mustUnderstand=\"1\">acs-1-1</cwmp:ID>", fault)
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(e.fault());
        CwmpFault f = CwmpFault.decode(e.body());
        assertEquals(FaultCode.INVALID_ARGUMENTS, f.code());
        assertEquals("Device.X.Y", f.parameters().get(0).name());
        assertEquals(FaultCode.INVALID_PARAMETER_NAME, f.parameters().get(0).code());
        assertEquals("9003 Invalid arguments; Device.X.Y: 9005", f.summary());
    }

    @Test
    void faultCodesPassWhenUnknown() {
        assertEquals("Resources exceeded", FaultCode.valueOf(8004).text());
        assertEquals("File transfer failure: file authentication failure", FaultCode.valueOf(9019).text());
        assertFalse(FaultCode.valueOf(9801).known());
        assertEquals(9801, FaultCode.valueOf(9801).code());
    }

    @Test
    void theWriterEscapesWhatItIsGivenAndReadsBack() {
        byte[] out = SoapWriter.rpc(CwmpVersion.V1_4, Optional.of("id<&>\""), "SetParameterValues",
                x -> ParameterValue.write(x, List.of(ParameterValue.string("Device.A", "<b>&\"x\"\u0001"))));
        Envelope e = READER.read(out);
        assertEquals(CwmpVersion.V1_4, e.version());
        assertEquals(Optional.of("id<&>\""), e.id());
        List<ParameterValue> back = ParameterValue.list(e.body().child("ParameterList").orElseThrow());
        assertEquals("<b>&\"x\"", back.get(0).value());
        byte[] f = SoapWriter.fault(CwmpVersion.V1_1, Optional.empty(), FaultCode.ACS_INVALID_ARGUMENTS, "why");
        Envelope fe = READER.read(f);
        assertTrue(fe.fault());
        assertEquals("Client", fe.body().text("faultcode").orElseThrow());
        assertEquals(CwmpVersion.V1_1, fe.version());
        assertEquals(8003, CwmpFault.decode(fe.body()).code().code());
    }

    static String envelope(String header, String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soap:Header>" + header + "</soap:Header><soap:Body>"
                + body + "</soap:Body></soap:Envelope>";
    }
}
