package org.phoneprov.acsd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.acsd.AcsFixture;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.session.DeviceRecord;
import org.phoneprov.acsd.session.MemoryAcsStore;
import org.phoneprov.acsd.session.Task;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;

class AccountPushTest {
    static final Mac MAC = Mac.parse("00:14:7f:77:00:01").orElseThrow();
    @TempDir
    Path dir;
    final TaskQueue queue = new TaskQueue(new MemoryAcsStore(), Clock.systemUTC());

    static Inform inform(String event) {
        return new Inform(new Inform.DeviceId("Gigaset", "00147F", "N510", "1"), List.of(new Inform.EventStruct(event,
                "")), 1, "", 0, List.of());
    }

    static Map<String, String> values(Task t) {
        return ((RpcRequest.SetParameterValues) t.rpc()).values().stream()
                .collect(Collectors.toMap(ParameterValue::name, ParameterValue::value));
    }

    @Test
    void linesBecomeTr104ParametersUnderEitherRoot() {
        Device d = new Device(MAC, null, java.util.Optional.empty(), java.util.Optional.empty(), List.of(
                new Device.Line("1001", "u1001", "pw1", "Reception", "192.0.2.1", "192.0.2.1"),
                new Device.Line("1002", "u1002", "pw2", "Back", "192.0.2.1", "192.0.2.1"),
                new Device.Line("555", "u555", "pw3", "Trunk", "sip.example.net:5080", "proxy.example.net")),
                Map.of(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), null);
        Map<String, String> igd = VoiceParameters.of(d, "InternetGatewayDevice.").stream()
                .collect(Collectors.toMap(ParameterValue::name, ParameterValue::value));
        String p1 = "InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1.";
        assertEquals("192.0.2.1", igd.get(p1 + "SIP.RegistrarServer"));
        assertEquals("5060", igd.get(p1 + "SIP.RegistrarServerPort"));
        assertEquals("Enabled", igd.get(p1 + "Line.1.Enable"), "TR-104 v1 Line.Enable is Disabled/Quiescent/Enabled");
        assertEquals("1002", igd.get(p1 + "Line.2.DirectoryNumber"));
        assertEquals("u1002", igd.get(p1 + "Line.2.SIP.AuthUserName"));
        assertEquals("pw2", igd.get(p1 + "Line.2.SIP.AuthPassword"));
        assertEquals("sip:1002@192.0.2.1", igd.get(p1 + "Line.2.SIP.URI"));
        assertEquals("Back", igd.get(p1 + "Line.2.CallingFeatures.CallerIDName"));
        String p2 = "InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.2.";
        assertEquals("sip.example.net", igd.get(p2 + "SIP.RegistrarServer"), "another registrar: another profile");
        assertEquals("5080", igd.get(p2 + "SIP.RegistrarServerPort"));
        assertEquals("proxy.example.net", igd.get(p2 + "SIP.ProxyServer"));
        assertEquals("555", igd.get(p2 + "Line.1.DirectoryNumber"));
        assertTrue(VoiceParameters.of(d, "Device.").stream().allMatch(v -> v.name().startsWith(
                "Device.Services.VoiceService.1.VoiceProfile.")));
        assertEquals(List.of("Device.ManagementServer.PeriodicInformEnable",
                "Device.ManagementServer.PeriodicInformInterval"), VoiceParameters.periodic("Device.", 60).stream()
                .map(ParameterValue::name).toList());
    }

    @Test
    void aBootQueuesTheAccountAndPeriodicInformOnceUnderTheInformsRoot() throws Exception {
        SuiteConfig c = AcsFixture.config(dir, "acsd: {periodic_inform_interval: 900}\n");
        AccountPush push = new AccountPush(() -> c);
        push.informed(MAC, inform(Inform.BOOTSTRAP), "InternetGatewayDevice.", queue);
        push.informed(MAC, inform(Inform.BOOT), "InternetGatewayDevice.", queue);
        push.informed(MAC, inform("2 PERIODIC"), "InternetGatewayDevice.", queue);
        List<Task> tasks = queue.store().tasks(MAC);
        assertEquals(1, tasks.size(), "an equal push waits already; a periodic Inform pushes nothing");
        Map<String, String> v = values(tasks.get(0));
        assertEquals("1001", v.get("InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1.Line.1.DirectoryNumber"));
        assertEquals("900", v.get("InternetGatewayDevice.ManagementServer.PeriodicInformInterval"));
        assertEquals("1", v.get("InternetGatewayDevice.ManagementServer.PeriodicInformEnable"));
        assertEquals("acct-" + tasks.get(0).id(), tasks.get(0).rpc().key());
    }

    @Test
    void pushAllQueuesOnlyForKnownDevicesWhoseAccountsChanged() throws Exception {
        SuiteConfig before = AcsFixture.config(dir, "");
        Path devices = dir.resolve("devices.yaml");
        queue.store().informed(MAC, new DeviceRecord(inform("2 PERIODIC"), Instant.now(), InetAddress.getLoopbackAddress(),
                "Device."));
        SuiteConfig same = AcsFixture.config(dir, "");
        assertTrue(new AccountPush(() -> same).pushAll(before, same, queue).isEmpty());
        Files.writeString(devices, Files.readString(devices).replace("\"1001\"", "\"2001\""));
        SuiteConfig next = reload(dir);
        List<Task> queued = new AccountPush(() -> next).pushAll(before, next, queue);
        assertEquals(1, queued.size());
        assertEquals("2001", values(queued.get(0)).get("Device.Services.VoiceService.1.VoiceProfile.1.Line.1.DirectoryNumber"));
    }

    /** Loads the config folder as it is now, without rewriting its inventory. */
    static SuiteConfig reload(Path dir) {
        return org.phoneprov.common.config.ConfigLoader.load(dir.resolve("phoneprov.yaml"), AcsFixture.READERS).config()
                .orElseThrow();
    }

    @Test
    void aPushFailingOnlyOnNamesThePhoneLacksIsQueuedOnceMoreWithoutThem() throws Exception {
        SuiteConfig c = AcsFixture.config(dir, "acsd: {periodic_inform_interval: 900}\n");
        AccountPush push = new AccountPush(() -> c);
        push.informed(MAC, inform(Inform.BOOTSTRAP), "Device.", queue);
        Task sent = queue.next(MAC).orElseThrow();
        String lacking = values(sent).keySet().stream().filter(n -> n.endsWith("CallingFeatures.CallerIDName"))
                .findFirst().orElseThrow();
        org.phoneprov.acsd.cwmp.CwmpFault fault = new org.phoneprov.acsd.cwmp.CwmpFault(
                org.phoneprov.acsd.cwmp.FaultCode.INVALID_ARGUMENTS, "Invalid arguments", List.of(
                        new org.phoneprov.acsd.cwmp.CwmpFault.ParameterFault(lacking,
                                org.phoneprov.acsd.cwmp.FaultCode.INVALID_PARAMETER_NAME, "no such parameter")));
        Task failed = queue.faulted(sent, fault);
        push.faulted(failed, fault, queue);
        Task again = queue.next(MAC).orElseThrow(() -> new AssertionError("a trimmed push is queued"));
        assertTrue(!values(again).containsKey(lacking) && values(again).size() == values(sent).size() - 1,
                values(again).toString());
        assertTrue(((RpcRequest.SetParameterValues) again.rpc()).parameterKey().startsWith(AccountPush.TRIMMED));
        Task failedAgain = queue.faulted(again, fault);
        push.faulted(failedAgain, fault, queue);
        assertTrue(queue.next(MAC).isEmpty(), "never trimmed twice");
    }
}
