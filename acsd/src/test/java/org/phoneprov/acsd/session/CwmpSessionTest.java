package org.phoneprov.acsd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.acsd.cwmp.CwmpParseException;
import org.phoneprov.acsd.cwmp.CwmpVersion;
import org.phoneprov.acsd.cwmp.Envelope;
import org.phoneprov.acsd.cwmp.FaultCode;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.SoapReader;
import org.phoneprov.acsd.cwmp.TransferComplete;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.common.mac.Mac;

/** The session's order of messages (TR-069 Amendment 6, 3.7), POST by POST, without sockets. */
class CwmpSessionTest {
    static final Mac MAC = Mac.parse("00:14:7f:77:00:01").orElseThrow();
    static final SoapReader READER = new SoapReader(1 << 20);
    final TaskQueue queue = new TaskQueue(new MemoryAcsStore(), Clock.systemUTC());
    final List<String> seen = new ArrayList<>();
    final SessionObserver observer = new SessionObserver() {
        public void informed(Mac device, Inform inform) {
            seen.add("inform");
        }

        public void sent(Task task) {
            seen.add("sent " + task.rpc().method());
        }

        public void finished(Task task) {
            seen.add(task.rpc().method() + " " + task.state());
        }

        public void transferComplete(Mac device, TransferComplete tc, Optional<Task> task) {
            seen.add("transfer " + task.isPresent());
        }

        public void refused(Mac device, String message, FaultCode code, String detail) {
            seen.add("refused " + message + " " + code.code());
        }
    };
    final CwmpSession session = new CwmpSession(MAC, null, queue, observer, CwmpSession.InformHook.NONE,
            Clock.systemUTC());

    static Optional<Envelope> cpe(String ns, String id, String body) {
        String xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:cwmp=\"" + ns + "\">"
                + "<s:Header><cwmp:ID s:mustUnderstand=\"1\">" + id + "</cwmp:ID></s:Header><s:Body>" + body
                + "</s:Body></s:Envelope>";
        return Optional.of(READER.read(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Optional<Envelope> huaweiInform() throws IOException {
        try (InputStream in = CwmpSessionTest.class.getResourceAsStream("/org/phoneprov/acsd/cwmp/inform-huawei-hg253s.xml")) {
            return Optional.of(READER.read(in.readAllBytes()));
        }
    }

    static Envelope read(Reply r) {
        return READER.read(r.body());
    }

    @Test
    void informThenQueuedRpcsOneAtATimeThen204() throws IOException {
        queue.enqueue(MAC, new RpcRequest.GetParameterValues(List.of("InternetGatewayDevice.DeviceInfo.")));
        queue.enqueue(MAC, new RpcRequest.Reboot("r"));
        Reply informResponse = session.post(huaweiInform());
        assertEquals(200, informResponse.status());
        Envelope ir = read(informResponse);
        assertEquals("InformResponse", ir.method());
        assertEquals(CwmpVersion.V1_0, ir.version(), "the namespace the CPE used");
        assertEquals(Optional.of("4711"), ir.id(), "cwmp:ID echoed");
        assertEquals("1", ir.body().text("MaxEnvelopes").orElseThrow());
        assertEquals(CwmpSession.Phase.CPE_TURN, session.phase());
        assertEquals("InternetGatewayDevice.", queue.store().device(MAC).orElseThrow().root());

        Envelope gpv = read(session.post(Optional.empty()));
        assertEquals("GetParameterValues", gpv.method());
        String id = gpv.id().orElseThrow();
        Envelope reboot = read(session.post(cpe("urn:dslforum-org:cwmp-1-0", id, "<cwmp:GetParameterValuesResponse>"
                + "<ParameterList><ParameterValueStruct><Name>InternetGatewayDevice.DeviceInfo.UpTime</Name>"
                + "<Value>42</Value></ParameterValueStruct></ParameterList></cwmp:GetParameterValuesResponse>")));
        assertEquals("Reboot", reboot.method());
        assertEquals("42", queue.store().parameters(MAC).get("InternetGatewayDevice.DeviceInfo.UpTime"));
        Reply end = session.post(cpe("urn:dslforum-org:cwmp-1-0", reboot.id().orElseThrow(),
                "<cwmp:RebootResponse/>"));
        assertEquals(204, end.status());
        assertTrue(session.completed());
        assertEquals(List.of("inform", "sent GetParameterValues", "GetParameterValues DONE", "sent Reboot",
                "Reboot DONE"), seen);
    }

    @Test
    void theCpesTransferCompleteAndGetRpcMethodsComeBeforeItsEmptyPost() {
        Task fw = queue.enqueue(MAC, new RpcRequest.Download("fw-1", RpcRequest.Download.FIRMWARE, "http://x/fw", "",
                "", 1, "", 0, "", ""));
        queue.answered(queue.next(MAC).orElseThrow(), new org.phoneprov.acsd.rpc.RpcResponse.DownloadResponse(1, "", ""));
        String ns = "urn:dslforum-org:cwmp-1-2";
        session.post(cpe(ns, "1", informBody("7 TRANSFER COMPLETE", "M Download", "fw-1")));
        Envelope tcr = read(session.post(cpe(ns, "2", "<cwmp:TransferComplete><CommandKey>fw-1</CommandKey><FaultStruct>"
                + "<FaultCode>0</FaultCode><FaultString/></FaultStruct><StartTime>2026-01-01T00:00:00Z</StartTime>"
                + "<CompleteTime>2026-01-01T00:01:00Z</CompleteTime></cwmp:TransferComplete>")));
        assertEquals("TransferCompleteResponse", tcr.method());
        assertEquals(CwmpVersion.V1_2, tcr.version());
        assertEquals(Optional.of("2"), tcr.id());
        assertEquals(TaskState.DONE, queue.store().task(fw.id()).orElseThrow().state());
        Envelope methods = read(session.post(cpe(ns, "3", "<cwmp:GetRPCMethods/>")));
        assertEquals(3, methods.body().child("MethodList").orElseThrow().children().size());
        assertEquals(204, session.post(Optional.empty()).status());
    }

    @Test
    void aCpeFaultIsTheTasksResultAndTheSessionGoesOn() {
        Task spv = queue.enqueue(MAC, new RpcRequest.SetParameterValues(List.of(), "k"));
        String ns = "urn:dslforum-org:cwmp-1-0";
        session.post(cpe(ns, "1", informBody("2 PERIODIC", "", "")));
        session.post(Optional.empty());
        Reply r = session.post(cpe(ns, "x", "<s:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring>"
                + "<detail><cwmp:Fault><FaultCode>9008</FaultCode><FaultString>read-only</FaultString></cwmp:Fault>"
                + "</detail></s:Fault>"));
        assertEquals(204, r.status());
        Task t = queue.store().task(spv.id()).orElseThrow();
        assertEquals(TaskState.FAILED, t.state());
        assertEquals(FaultCode.NOT_WRITABLE, t.fault().orElseThrow().code());
    }

    @Test
    void outOfOrderMessagesGetAcsFaults() {
        Reply first = session.post(Optional.empty());
        assertEquals(500, first.status());
        assertTrue(first.close(), "no session without an Inform");
        assertEquals(8003, faultCode(first));
        CwmpSession s2 = new CwmpSession(MAC, null, queue, observer, CwmpSession.InformHook.NONE, Clock.systemUTC());
        String ns = "urn:dslforum-org:cwmp-1-1";
        assertEquals(8003, faultCode(s2.post(cpe(ns, "1", "<cwmp:GetParameterValuesResponse/>"))));
        s2.post(cpe(ns, "1", informBody("1 BOOT", "", "")));
        Reply again = s2.post(cpe(ns, "2", informBody("1 BOOT", "", "")));
        assertEquals(8003, faultCode(again));
        assertFalse(again.close());
        assertEquals(8000, faultCode(s2.post(cpe(ns, "3", "<cwmp:Kicked/>"))));
        Reply third = s2.post(cpe(ns, "4", "<cwmp:RebootResponse/>"));
        assertEquals(8003, faultCode(third), "a response to nothing the ACS asked");
        assertTrue(third.close(), "three faults close the session");
    }

    @Test
    void aWrongResponseKeepsTheTaskInFlightAndADropQueuesItAgain() {
        Task gpn = queue.enqueue(MAC, new RpcRequest.GetParameterNames("Device.", true));
        String ns = "urn:dslforum-org:cwmp-1-4";
        session.post(cpe(ns, "1", informBody("2 PERIODIC", "", "")));
        session.post(Optional.empty());
        assertEquals(8003, faultCode(session.post(cpe(ns, "2", "<cwmp:RebootResponse/>"))));
        assertEquals(TaskState.SENT, queue.store().task(gpn.id()).orElseThrow().state());
        assertEquals(8003, faultCode(session.malformed(new CwmpParseException(CwmpParseException.Reason.NOT_XML, "x"))));
        session.closed();
        Task back = queue.store().task(gpn.id()).orElseThrow();
        assertEquals(TaskState.QUEUED, back.state(), "not lost");
        assertEquals(1, back.attempts());
        assertFalse(session.completed());
    }

    @Test
    void anEmptyPostWhileARequestIsInFlightEndsTheSessionAndKeepsTheTask() {
        Task t = queue.enqueue(MAC, new RpcRequest.GetRPCMethods());
        session.post(cpe("urn:dslforum-org:cwmp-1-0", "1", informBody("2 PERIODIC", "", "")));
        session.post(Optional.empty());
        assertEquals(204, session.post(Optional.empty()).status());
        assertEquals(TaskState.QUEUED, queue.store().task(t.id()).orElseThrow().state());
    }

    static int faultCode(Reply r) {
        Envelope e = READER.read(r.body());
        assertTrue(e.fault(), new String(r.body(), StandardCharsets.UTF_8));
        return org.phoneprov.acsd.cwmp.CwmpFault.decode(e.body()).code().code();
    }

    static String informBody(String event, String event2, String key2) {
        String second = event2.isEmpty() ? "" : "<EventStruct><EventCode>" + event2 + "</EventCode><CommandKey>" + key2
                + "</CommandKey></EventStruct>";
        return "<cwmp:Inform><DeviceId><Manufacturer>Gigaset</Manufacturer><OUI>00147F</OUI><ProductClass>N510"
                + "</ProductClass><SerialNumber>00147F770001</SerialNumber></DeviceId><Event><EventStruct><EventCode>"
                + event + "</EventCode><CommandKey/></EventStruct>" + second + "</Event><MaxEnvelopes>1</MaxEnvelopes>"
                + "<CurrentTime>2026-01-01T00:00:00Z</CurrentTime><RetryCount>0</RetryCount><ParameterList>"
                + "<ParameterValueStruct><Name>Device.ManagementServer.ParameterKey</Name><Value>x</Value>"
                + "</ParameterValueStruct></ParameterList></cwmp:Inform>";
    }
}
