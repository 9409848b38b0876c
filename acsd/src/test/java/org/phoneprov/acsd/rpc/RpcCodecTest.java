package org.phoneprov.acsd.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.acsd.cwmp.CwmpParseException;
import org.phoneprov.acsd.cwmp.CwmpVersion;
import org.phoneprov.acsd.cwmp.Envelope;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.cwmp.SoapReader;
import org.phoneprov.acsd.cwmp.SoapWriter;
import org.phoneprov.acsd.cwmp.XmlNode;

/** Each RPC written as the ACS sends it and read back as a CPE would see it; each response as CPEs write them. */
class RpcCodecTest {
    static final SoapReader READER = new SoapReader(1 << 20);

    static XmlNode sent(RpcRequest r) {
        Envelope e = READER.read(SoapWriter.rpc(CwmpVersion.V1_2, Optional.of("acs-1"), r.method(), r::write));
        assertEquals(r.method(), e.method());
        assertEquals(CwmpVersion.V1_2, e.version());
        return e.body();
    }

    static RpcResponse answer(String method, String args) {
        String xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:cwmp=\""
                + "urn:dslforum-org:cwmp-1-0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><s:Header>"
                + "<cwmp:ID s:mustUnderstand=\"1\">acs-1</cwmp:ID></s:Header><s:Body><cwmp:" + method + "Response>"
                + args + "</cwmp:" + method + "Response></s:Body></s:Envelope>";
        return RpcResponse.decode(method, READER.read(xml.getBytes(StandardCharsets.UTF_8)).body());
    }

    @Test
    void parameterRpcsCarryTheirArguments() {
        XmlNode gpn = sent(new RpcRequest.GetParameterNames("Device.Services.", true));
        assertEquals("Device.Services.", gpn.text("ParameterPath").orElseThrow());
        assertEquals("1", gpn.text("NextLevel").orElseThrow());
        XmlNode gpv = sent(new RpcRequest.GetParameterValues(List.of("Device.DeviceInfo.", "Device.Time.Enable")));
        XmlNode names = gpv.child("ParameterNames").orElseThrow();
        assertEquals("xsd:string[2]", names.attributes().get("arrayType"));
        assertEquals(List.of("Device.DeviceInfo.", "Device.Time.Enable"),
                names.children("string").stream().map(XmlNode::text).toList());
        XmlNode spv = sent(new RpcRequest.SetParameterValues(List.of(ParameterValue.string("Device.A", "x"),
                ParameterValue.unsignedInt("Device.B", 3600), ParameterValue.bool("Device.C", true)), "k1"));
        List<ParameterValue> values = ParameterValue.list(spv.child("ParameterList").orElseThrow());
        assertEquals(List.of("xsd:string", "xsd:unsignedInt", "xsd:boolean"),
                values.stream().map(ParameterValue::type).toList());
        assertEquals("3600", values.get(1).value());
        assertEquals("k1", spv.text("ParameterKey").orElseThrow());
        assertEquals("cwmp:ParameterValueStruct[3]", spv.child("ParameterList").orElseThrow().attributes().get("arrayType"));
        XmlNode spa = sent(new RpcRequest.SetParameterAttributes(List.of(new RpcRequest.AttributeChange("Device.A",
                true, 2, true, List.of("Subscriber")))));
        XmlNode s = spa.child("ParameterList").orElseThrow().child("SetParameterAttributesStruct").orElseThrow();
        assertEquals("2", s.text("Notification").orElseThrow());
        assertEquals("Subscriber", s.child("AccessList").orElseThrow().text("string").orElseThrow());
        XmlNode gpa = sent(new RpcRequest.GetParameterAttributes(List.of("Device.A")));
        assertEquals("Device.A", gpa.child("ParameterNames").orElseThrow().text("string").orElseThrow());
    }

    @Test
    void objectAndDeviceRpcs() {
        XmlNode add = sent(new RpcRequest.AddObject("Device.Services.VoiceService.1.VoiceProfile.", "k2"));
        assertEquals("Device.Services.VoiceService.1.VoiceProfile.", add.text("ObjectName").orElseThrow());
        XmlNode del = sent(new RpcRequest.DeleteObject("Device.X.2.", "k3"));
        assertEquals("k3", del.text("ParameterKey").orElseThrow());
        assertEquals("boot-1", sent(new RpcRequest.Reboot("boot-1")).text("CommandKey").orElseThrow());
        assertTrue(sent(new RpcRequest.FactoryReset()).children().isEmpty());
        assertTrue(sent(new RpcRequest.GetRPCMethods()).children().isEmpty());
        RpcRequest.Download d = new RpcRequest.Download("fw-1", RpcRequest.Download.FIRMWARE,
                "http://192.0.2.10/fw/ST2030S.bin", "0014a1b2c3d4", "secret", 123456, "ST2030S.bin", 0, "", "");
        XmlNode dl = sent(d);
        assertEquals(List.of("CommandKey", "FileType", "URL", "Username", "Password", "FileSize", "TargetFileName",
                "DelaySeconds", "SuccessURL", "FailureURL"), dl.children().stream().map(XmlNode::name).toList(),
                "A.3.2.8 lists the arguments in this order");
        assertEquals("1 Firmware Upgrade Image", dl.text("FileType").orElseThrow());
        assertEquals("123456", dl.text("FileSize").orElseThrow());
        assertFalse(d.toString().contains("secret"));
    }

    @Test
    void keysAreFilledOnlyWhereARequestCarriesOne() {
        assertEquals("k", new RpcRequest.Reboot("").withKey("k").key());
        assertEquals("k", new RpcRequest.SetParameterValues(List.of(), "").withKey("k").key());
        assertEquals("", new RpcRequest.GetRPCMethods().withKey("k").key());
        assertEquals("k", ((RpcRequest.Download) new RpcRequest.Download("", "1 Firmware Upgrade Image", "u", "", "",
                0, "", 0, "", "").withKey("k")).commandKey());
    }

    @Test
    void responsesAsCpesWriteThem() {
        assertEquals(List.of("GetRPCMethods", "Reboot"), ((RpcResponse.GetRPCMethodsResponse) answer("GetRPCMethods",
                "<MethodList soap-enc:arrayType=\"xsd:string[2]\" xmlns:soap-enc=\"x\"><string>GetRPCMethods</string>"
                        + "<string>Reboot</string></MethodList>")).methods());
        RpcResponse.GetParameterNamesResponse names = (RpcResponse.GetParameterNamesResponse) answer("GetParameterNames",
                "<ParameterList><ParameterInfoStruct><Name>Device.A</Name><Writable>true</Writable></ParameterInfoStruct>"
                        + "<ParameterInfoStruct><Name>Device.B.</Name><Writable>0</Writable></ParameterInfoStruct>"
                        + "</ParameterList>");
        assertEquals(List.of(new RpcResponse.ParameterInfo("Device.A", true), new RpcResponse.ParameterInfo("Device.B.",
                false)), names.parameters());
        RpcResponse.GetParameterValuesResponse values = (RpcResponse.GetParameterValuesResponse) answer(
                "GetParameterValues", "<ParameterList><ParameterValueStruct><Name>Device.A</Name><Value xsi:type="
                        + "\"xsd:unsignedInt\">7</Value></ParameterValueStruct></ParameterList>");
        assertEquals(List.of(new ParameterValue("Device.A", "7", "xsd:unsignedInt")), values.values());
        assertEquals(new RpcResponse.SetParameterValuesResponse(1), answer("SetParameterValues", "<Status>1</Status>"));
        assertEquals(new RpcResponse.SetParameterAttributesResponse(), answer("SetParameterAttributes", ""));
        RpcResponse.GetParameterAttributesResponse attrs = (RpcResponse.GetParameterAttributesResponse) answer(
                "GetParameterAttributes", "<ParameterList><ParameterAttributeStruct><Name>Device.A</Name><Notification>"
                        + "2</Notification><AccessList><string>Subscriber</string></AccessList>"
                        + "</ParameterAttributeStruct></ParameterList>");
        assertEquals(List.of(new RpcResponse.ParameterAttribute("Device.A", 2, List.of("Subscriber"))),
                attrs.attributes());
        assertEquals(new RpcResponse.AddObjectResponse(3, 0), answer("AddObject",
                "<InstanceNumber>3</InstanceNumber><Status>0</Status>"));
        assertEquals(new RpcResponse.DeleteObjectResponse(0), answer("DeleteObject", "<Status>0</Status>"));
        assertEquals(new RpcResponse.RebootResponse(), answer("Reboot", ""));
        assertEquals(new RpcResponse.DownloadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
                answer("Download", "<Status>1</Status><StartTime>0001-01-01T00:00:00Z</StartTime>"
                        + "<CompleteTime>0001-01-01T00:00:00Z</CompleteTime>"));
        assertEquals(new RpcResponse.FactoryResetResponse(), answer("FactoryReset", ""));
    }

    @Test
    void aResponseOfAnotherMethodOrWithoutItsArgumentsIsRefused() {
        assertThrows(CwmpParseException.class, () -> RpcResponse.decode("Reboot", READER.read(
                SoapWriter.rpc(CwmpVersion.V1_0, Optional.empty(), "DownloadResponse", x -> { })).body()));
        assertThrows(CwmpParseException.class, () -> answer("SetParameterValues", ""));
        assertThrows(CwmpParseException.class, () -> answer("SetParameterValues", "<Status>x</Status>"));
        assertThrows(CwmpParseException.class, () -> answer("GetParameterValues", "<ParameterList>"
                + "<ParameterValueStruct><Name>A</Name></ParameterValueStruct></ParameterList>"));
    }
}
