package org.phoneprov.phonesim.cwmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SoapTest {
    /** The envelope shape of TR-069 Amendment 6 A.2 / A.3.2.2, as an ACS writes it (prefixes its own). */
    static final String GPV = """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
              <soapenv:Header>
                <cwmp:ID soapenv:mustUnderstand="1">1234</cwmp:ID>
              </soapenv:Header>
              <soapenv:Body>
                <cwmp:GetParameterValues>
                  <ParameterNames soapenc:arrayType="xsd:string[2]">
                    <string>Device.DeviceInfo.SoftwareVersion</string>
                    <string>Device.Services.VoiceService.1.VoiceProfile.1.SIP.</string>
                  </ParameterNames>
                </cwmp:GetParameterValues>
              </soapenv:Body>
            </soapenv:Envelope>""";

    static final String SPV = """
            <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:cwmp="urn:dslforum-org:cwmp-1-2">
              <SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand="1">spv-7</cwmp:ID></SOAP-ENV:Header>
              <SOAP-ENV:Body>
                <cwmp:SetParameterValues>
                  <ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[2]">
                    <ParameterValueStruct>
                      <Name>Device.Services.VoiceService.1.VoiceProfile.1.SIP.ProxyServer</Name>
                      <Value xsi:type="xsd:string">sip.example.net</Value>
                    </ParameterValueStruct>
                    <ParameterValueStruct>
                      <Name>Device.Services.VoiceService.1.VoiceProfile.1.SIP.ProxyServerPort</Name>
                      <Value xsi:type="xsd:unsignedInt">99999</Value>
                    </ParameterValueStruct>
                  </ParameterList>
                  <ParameterKey>key-7</ParameterKey>
                </cwmp:SetParameterValues>
              </SOAP-ENV:Body>
            </SOAP-ENV:Envelope>""";

    static final String INFORM_RESPONSE = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-4">
              <soap:Header>
                <cwmp:ID soap:mustUnderstand="1">cpe-1</cwmp:ID>
                <cwmp:HoldRequests soap:mustUnderstand="1">1</cwmp:HoldRequests>
              </soap:Header>
              <soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body>
            </soap:Envelope>""";

    static final String ACS_FAULT = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
              <soap:Body><soap:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring>
                <detail><cwmp:Fault><FaultCode>8005</FaultCode><FaultString>Retry request</FaultString></cwmp:Fault>
                </detail></soap:Fault></soap:Body>
            </soap:Envelope>""";

    static AcsMessage read(String xml) throws IOException {
        return SoapReader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsARequestWithItsIdAndNamespace() throws IOException {
        AcsMessage m = read(GPV);
        assertEquals(Optional.of("1234"), m.id());
        assertEquals("urn:dslforum-org:cwmp-1-0", m.cwmpNamespace());
        assertEquals(new AcsMessage.Request(new CpeRequest.GetParameterValues(List.of(
                "Device.DeviceInfo.SoftwareVersion", "Device.Services.VoiceService.1.VoiceProfile.1.SIP."))), m.body());
    }

    @Test
    void setParameterValuesKeepsEachValuesXsiType() throws IOException {
        CpeRequest.SetParameterValues r = (CpeRequest.SetParameterValues)
                ((AcsMessage.Request) read(SPV).body()).request();
        assertEquals("key-7", r.parameterKey());
        assertEquals(new ParameterWrites.Write("Device.Services.VoiceService.1.VoiceProfile.1.SIP.ProxyServerPort",
                "99999", Optional.of("xsd:unsignedInt")), r.writes().get(1));
    }

    @Test
    void readsHoldRequestsInformResponseAndAnAcsFault() throws IOException {
        AcsMessage m = read(INFORM_RESPONSE);
        assertTrue(m.holdRequests());
        assertEquals(new AcsMessage.InformResponse(1), m.body());
        assertEquals(new AcsMessage.Fault(8005, "Retry request"), read(ACS_FAULT).body());
    }

    @Test
    void anUnknownMethodOrAMissingArgumentIsAnsweredAsSuch() throws IOException {
        String upload = GPV.replace("GetParameterValues", "Upload");
        assertEquals(new CpeRequest.Unknown("Upload", ""), ((AcsMessage.Request) read(upload).body()).request());
        String noNextLevel = GPV.replace("GetParameterValues", "GetParameterNames");
        assertInstanceOf(CpeRequest.Unknown.class, ((AcsMessage.Request) read(noNextLevel).body()).request());
    }

    @Test
    void refusesADoctypeAndANonSoapDocument() {
        assertThrows(IOException.class, () -> read("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + GPV));
        assertThrows(IOException.class, () -> read("<html/>"));
    }

    @Test
    void theInformWrittenIsTheShapeOfA331AndReadsBack() throws IOException {
        byte[] xml = SoapWriter.inform("cpe-1", ParameterTreeTest.ID, List.of(CwmpEvent.of(CwmpEvent.BOOT),
                        new CwmpEvent(CwmpEvent.M_REBOOT, "rb<1>")), "2024-05-01T10:00:00Z", 0,
                List.of(new ParameterTree.Value("Device.DeviceInfo.SoftwareVersion", "42 & more", ParamType.STRING)));
        String s = new String(xml, StandardCharsets.UTF_8);
        assertTrue(s.contains("xmlns:cwmp=\"urn:dslforum-org:cwmp-1-4\""), s);
        assertTrue(s.contains("<cwmp:ID soap:mustUnderstand=\"1\">cpe-1</cwmp:ID>"), s);
        assertTrue(s.contains("<cwmp:SupportedCWMPVersions soap:mustUnderstand=\"0\">1.0,1.1,1.2,1.3,1.4"), s);
        assertTrue(s.contains("<Event soap-enc:arrayType=\"cwmp:EventStruct[2]\"><EventStruct><EventCode>1 BOOT"
                + "</EventCode><CommandKey></CommandKey></EventStruct>"), s);
        assertTrue(s.contains("<CommandKey>rb&lt;1&gt;</CommandKey>"), s);
        assertTrue(s.contains("<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2024-05-01T10:00:00Z</CurrentTime>"
                + "<RetryCount>0</RetryCount>"), s);
        assertTrue(s.contains("<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[1]\">"
                + "<ParameterValueStruct><Name>Device.DeviceInfo.SoftwareVersion</Name>"
                + "<Value xsi:type=\"xsd:string\">42 &amp; more</Value>"), s);
    }

    @Test
    void aSetParameterValuesFaultNamesEachParameter() throws IOException {
        ParameterTree t = ParameterTreeTest.phone();
        CpeRequest r = ((AcsMessage.Request) read(SPV).body()).request();
        CpeRpcs.Answer a = CpeRpcs.answer("urn:dslforum-org:cwmp-1-2", "spv-7", r, t, new AfterSession());
        assertEquals(9003, a.fault());
        String s = new String(a.body(), StandardCharsets.UTF_8);
        assertTrue(s.contains("<faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail>"
                + "<cwmp:Fault><FaultCode>9003</FaultCode>"), s);
        assertTrue(s.contains("<SetParameterValuesFault><ParameterName>Device.Services.VoiceService.1.VoiceProfile.1"
                + ".SIP.ProxyServerPort</ParameterName><FaultCode>9007</FaultCode>"), s);
        assertTrue(s.contains("xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\""), s);
        assertTrue(s.contains(">spv-7</cwmp:ID>"), s);
        assertEquals(Optional.of(""), t.value("Device.Services.VoiceService.1.VoiceProfile.1.SIP.ProxyServer"));
    }

    @Test
    void anUnknownMethodIs9000AndGetRpcMethodsListsTheSupportedOnes() {
        ParameterTree t = ParameterTreeTest.phone();
        CpeRpcs.Answer a = CpeRpcs.answer(SoapNames.CWMP_1_4, "x", new CpeRequest.Unknown("Upload", ""), t,
                new AfterSession());
        assertEquals(9000, a.fault());
        assertTrue(new String(a.body(), StandardCharsets.UTF_8).contains("<faultcode>Server</faultcode>"));
        String m = new String(CpeRpcs.answer(SoapNames.CWMP_1_4, "y", new CpeRequest.GetRPCMethods(), t,
                new AfterSession()).body(), StandardCharsets.UTF_8);
        assertTrue(m.contains("<MethodList soap-enc:arrayType=\"xsd:string[11]\"><string>GetRPCMethods</string>"), m);
    }

    @Test
    void downloadIsAnsweredNotYetDoneAndDoneAfterTheSession() {
        AfterSession after = new AfterSession();
        CpeRequest.Download d = new CpeRequest.Download("dl-1", "1 Firmware Upgrade Image", "http://f/fw.bin", "u",
                "p", 10, "", 0);
        CpeRpcs.Answer a = CpeRpcs.answer(SoapNames.CWMP_1_4, "z", d, ParameterTreeTest.phone(), after);
        assertEquals(0, a.fault());
        assertTrue(new String(a.body(), StandardCharsets.UTF_8).contains("<Status>1</Status><StartTime>"
                + "0001-01-01T00:00:00Z</StartTime>"));
        assertEquals(List.of(d), after.downloads());
        CpeRequest.Download ftp = new CpeRequest.Download("dl-2", "1 Firmware Upgrade Image", "ftp://f/fw.bin", "",
                "", 0, "", 0);
        assertEquals(9013, CpeRpcs.answer(SoapNames.CWMP_1_4, "z", ftp, ParameterTreeTest.phone(), after).fault());
    }
}
