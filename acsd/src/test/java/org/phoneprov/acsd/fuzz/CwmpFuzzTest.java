package org.phoneprov.acsd.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.phoneprov.acsd.cwmp.CwmpFault;
import org.phoneprov.acsd.cwmp.CwmpParseException;
import org.phoneprov.acsd.cwmp.Envelope;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.SoapReader;
import org.phoneprov.acsd.cwmp.TransferComplete;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.rpc.RpcResponse;
import org.phoneprov.acsd.session.CwmpSession;
import org.phoneprov.acsd.session.MemoryAcsStore;
import org.phoneprov.acsd.session.Reply;
import org.phoneprov.acsd.session.SessionObserver;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.common.mac.Mac;

/**
 * Any POST body: the reader returns an envelope or throws {@link CwmpParseException} with a
 * reason and a detail, nothing else; every decoder of what a CPE sends does the same on what
 * the reader accepted; and a session, at any phase, answers it with 200, 204 or a SOAP Fault
 * (500), never an exception.
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/acsd/fuzz/CwmpFuzzTestInputs/envelope/}.
 * Fuzzing: {@code fuzz/run.sh 10 cwmp}.
 */
class CwmpFuzzTest {
    private static final Mac MAC = Mac.parse("00:14:7f:77:00:01").orElseThrow();
    private static final String[] METHODS = {"GetRPCMethods", "GetParameterNames", "GetParameterValues",
        "SetParameterValues", "SetParameterAttributes", "GetParameterAttributes", "AddObject", "DeleteObject", "Reboot",
        "Download", "FactoryReset"};

    @FuzzTest(maxDuration = "10m")
    void envelope(byte[] input) {
        Envelope e;
        try {
            e = new SoapReader(64 * 1024).read(input);
        } catch (CwmpParseException bad) {
            assertNotNull(bad.reason(), "a refusal names its reason");
            assertNotNull(bad.detail(), "a refusal says what was wrong");
            return;
        }
        decodes(() -> Inform.decode(e.body()));
        decodes(() -> TransferComplete.decode(e.body()));
        decodes(() -> CwmpFault.decode(e.body()));
        for (String m : METHODS) {
            decodes(() -> RpcResponse.decode(m, e.body()));
        }
        TaskQueue queue = new TaskQueue(new MemoryAcsStore(), Clock.systemUTC());
        queue.enqueue(MAC, new RpcRequest.GetParameterValues(List.of("Device.")));
        CwmpSession fresh = new CwmpSession(MAC, null, queue, SessionObserver.NONE, CwmpSession.InformHook.NONE,
                Clock.systemUTC());
        answered(fresh.post(Optional.of(e)));
        CwmpSession waiting = new CwmpSession(MAC, null, queue, SessionObserver.NONE, CwmpSession.InformHook.NONE,
                Clock.systemUTC());
        if (e.method().equals("Inform") && waiting.post(Optional.of(e)).status() == 200) {
            answered(waiting.post(Optional.empty()));
            answered(waiting.post(Optional.of(e)));
        }
        waiting.closed();
    }

    private static void decodes(Runnable decode) {
        try {
            decode.run();
        } catch (CwmpParseException expected) {
            assertNotNull(expected.reason());
        }
    }

    private static void answered(Reply r) {
        assertTrue(r.status() == 200 || r.status() == 204 || r.status() == 500, "status " + r.status());
    }
}
