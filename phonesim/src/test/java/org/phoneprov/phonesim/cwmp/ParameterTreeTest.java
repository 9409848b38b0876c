package org.phoneprov.phonesim.cwmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterTreeTest {
    static final CpeIdentity ID = new CpeIdentity("Gigaset", "7C2F80", "N510", "7C2F80E00001", "42.245", "1");
    static final AcsSettings ACS = new AcsSettings("http://acs.example/cwmp", "7C2F80E00001", "secret",
            Duration.ofSeconds(300));
    static final String LINE = "Device.Services.VoiceService.1.VoiceProfile.1.Line.";
    static final String SIP = "Device.Services.VoiceService.1.VoiceProfile.1.SIP.";

    static ParameterTree phone() {
        return PhoneTree.factory(CwmpRoot.DEVICE, ID, ACS, 2);
    }

    @Test
    void theFixtureIsTheBroadbandForumRowsUnderServices() {
        List<NodeDef> vs = DataModel.voiceService();
        assertEquals(122, vs.size(), "112 profile, SIP and line rows, 10 of the lines' CallingFeatures");
        NodeDef port = DataModel.tr104(CwmpRoot.DEVICE).of(SIP + "ProxyServerPort").orElseThrow();
        assertEquals(ParamType.UNSIGNED_INT, port.type());
        assertEquals("5060", port.defaultValue());
        assertTrue(port.writable());
        assertTrue(DataModel.tr104(CwmpRoot.DEVICE).of(LINE + "1.SIP.AuthPassword").orElseThrow().hidden());
    }

    @Test
    void bothRootsHoldTheSameVoiceService() {
        ParameterTree igd = PhoneTree.factory(CwmpRoot.IGD, ID, ACS, 1);
        assertEquals(Optional.of("5060"),
                igd.value("InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1.SIP.ProxyServerPort"));
        assertEquals(Optional.of("InternetGatewayDevice:1.1[](Baseline:1), VoiceService:1.0[1](Endpoint:1)"),
                igd.value("InternetGatewayDevice.DeviceSummary"));
    }

    @Test
    void aNewPhoneHasOneDisabledProfileWithItsLinesCounted() throws CwmpFault {
        ParameterTree t = phone();
        assertEquals(Optional.of("1"), t.value("Device.Services.VoiceServiceNumberOfEntries"));
        assertEquals(Optional.of("1"), t.value("Device.Services.VoiceService.1.VoiceProfileNumberOfEntries"));
        assertEquals(Optional.of("2"), t.value("Device.Services.VoiceService.1.VoiceProfile.1.NumberOfLines"));
        assertEquals(Optional.of("Disabled"), t.value("Device.Services.VoiceService.1.VoiceProfile.1.Enable"));
        assertEquals(Optional.of("Disabled"), t.value(LINE + "2.Enable"));
    }

    @Test
    void nextLevelNamesListObjectsWithADotAndTablesWritable() throws CwmpFault {
        ParameterTree t = phone();
        assertEquals(List.of(new ParameterTree.Info("Device.", false)), t.names("", true));
        List<ParameterTree.Info> top = t.names("Device.", true);
        assertTrue(top.contains(new ParameterTree.Info("Device.ManagementServer.", false)));
        assertTrue(top.contains(new ParameterTree.Info("Device.DeviceSummary", false)));
        assertFalse(top.stream().anyMatch(i -> i.name().startsWith("Device.ManagementServer.URL")));
        List<ParameterTree.Info> lines = t.names(LINE, true);
        assertEquals(List.of(new ParameterTree.Info(LINE + "1.", true), new ParameterTree.Info(LINE + "2.", true)),
                lines);
        assertTrue(t.names("Device.Services.VoiceService.1.VoiceProfile.", false).contains(
                new ParameterTree.Info("Device.Services.VoiceService.1.VoiceProfile.", true)));
        assertEquals(CwmpFault.INVALID_ARGUMENTS,
                assertThrows(CwmpFault.class, () -> t.names(SIP + "ProxyServer", true)).code());
        assertEquals(CwmpFault.INVALID_PARAMETER_NAME,
                assertThrows(CwmpFault.class, () -> t.names("Device.Nothing.", false)).code());
    }

    @Test
    void valuesOfAPartialPathAndHiddenPasswordsReadEmpty() throws CwmpFault {
        ParameterTree t = phone();
        t.put(LINE + "1.SIP.AuthPassword", "pw");
        List<ParameterTree.Value> v = t.values(List.of(LINE + "1.SIP."));
        assertEquals(4, v.size());
        assertEquals(new ParameterTree.Value(LINE + "1.SIP.AuthPassword", "", ParamType.STRING), v.get(0));
        assertEquals(CwmpFault.INVALID_PARAMETER_NAME,
                assertThrows(CwmpFault.class, () -> t.values(List.of("Device.Services.X"))).code());
    }

    @Test
    void setValuesIsAllOrNothingWithAFaultPerParameter() throws CwmpFault {
        ParameterTree t = phone();
        List<ParameterWrites.Write> bad = List.of(
                new ParameterWrites.Write(SIP + "ProxyServer", "sip.example", Optional.of("xsd:string")),
                new ParameterWrites.Write(SIP + "ProxyServerPort", "70000", Optional.of("xsd:unsignedInt")),
                new ParameterWrites.Write(SIP + "RegistrarServerPort", "5060", Optional.of("xsd:string")),
                new ParameterWrites.Write(LINE + "1.Status", "Up", Optional.empty()),
                new ParameterWrites.Write(SIP + "NoSuch", "1", Optional.empty()),
                new ParameterWrites.Write(LINE + "1.Enable", "On", Optional.empty()));
        CwmpFault f = assertThrows(CwmpFault.class, () -> ParameterWrites.setValues(t, bad, "k1"));
        assertEquals(CwmpFault.INVALID_ARGUMENTS, f.code());
        assertEquals(List.of(9007, 9006, 9008, 9005, 9007), f.params().stream().map(CwmpFault.ParamFault::code)
                .toList());
        assertEquals(Optional.of(""), t.value(SIP + "ProxyServer"));
        assertEquals(Optional.of(""), t.value("Device.ManagementServer.ParameterKey"));

        assertEquals(0, ParameterWrites.setValues(t, List.of(
                new ParameterWrites.Write(SIP + "ProxyServer", "sip.example", Optional.of("xsd:string")),
                new ParameterWrites.Write("Device.ManagementServer.PeriodicInformEnable", "1", Optional.empty())),
                "k2"));
        assertEquals(Optional.of("sip.example"), t.value(SIP + "ProxyServer"));
        assertEquals(Optional.of("true"), t.value("Device.ManagementServer.PeriodicInformEnable"));
        assertEquals(Optional.of("k2"), t.value("Device.ManagementServer.ParameterKey"));
    }

    @Test
    void theSameNameTwiceIsInvalidArguments() {
        ParameterTree t = phone();
        ParameterWrites.Write w = new ParameterWrites.Write(SIP + "ProxyServer", "a", Optional.empty());
        CwmpFault f = assertThrows(CwmpFault.class, () -> ParameterWrites.setValues(t, List.of(w, w), ""));
        assertEquals(CwmpFault.INVALID_ARGUMENTS, f.code());
        assertTrue(f.params().isEmpty());
    }

    @Test
    void addObjectNumbersInstancesWithoutReuseAndDeleteRemovesTheSubtree() throws CwmpFault {
        ParameterTree t = phone();
        assertEquals(3, t.addObject(LINE, "a"));
        assertEquals(Optional.of("3"), t.value("Device.Services.VoiceService.1.VoiceProfile.1.NumberOfLines"));
        assertEquals(Optional.of(""), t.value(LINE + "3.SIP.AuthUserName"));
        t.deleteObject(LINE + "3.", "b");
        assertEquals(Optional.empty(), t.value(LINE + "3.SIP.AuthUserName"));
        assertFalse(t.isObject(LINE + "3.SIP."));
        assertEquals(Optional.of("2"), t.value("Device.Services.VoiceService.1.VoiceProfile.1.NumberOfLines"));
        assertEquals(4, t.addObject(LINE, "c"));
        assertEquals(Optional.of("c"), t.value("Device.ManagementServer.ParameterKey"));
        assertEquals(CwmpFault.REQUEST_DENIED, assertThrows(CwmpFault.class,
                () -> t.addObject("Device.Services.VoiceService.", "")).code());
        assertEquals(CwmpFault.INVALID_PARAMETER_NAME, assertThrows(CwmpFault.class,
                () -> t.addObject(SIP, "")).code());
        assertEquals(CwmpFault.INVALID_PARAMETER_NAME, assertThrows(CwmpFault.class,
                () -> t.deleteObject(LINE + "9.", "")).code());
    }

    @Test
    void attributesOfAPartialPathAndUnsupportedNotification() throws CwmpFault {
        ParameterTree t = phone();
        ParameterWrites.setAttributes(t, List.of(new ParameterWrites.AttributeChange(LINE + "1.SIP.", true, 1,
                true, List.of("Subscriber"))));
        assertEquals(new ParameterTree.Attributes(1, List.of("Subscriber")), t.attributes(LINE + "1.SIP.URI"));
        assertEquals(4, t.attributes(List.of(LINE + "1.SIP.")).size());
        assertEquals(CwmpFault.NOTIFICATION_REJECTED, assertThrows(CwmpFault.class, () -> ParameterWrites
                .setAttributes(t, List.of(new ParameterWrites.AttributeChange(SIP + "ProxyServer", true, 5, false,
                        List.of())))).code());
    }
}
