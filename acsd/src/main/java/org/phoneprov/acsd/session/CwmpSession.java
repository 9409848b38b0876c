package org.phoneprov.acsd.session;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import org.phoneprov.acsd.cwmp.CwmpFault;
import org.phoneprov.acsd.cwmp.CwmpParseException;
import org.phoneprov.acsd.cwmp.CwmpVersion;
import org.phoneprov.acsd.cwmp.Envelope;
import org.phoneprov.acsd.cwmp.FaultCode;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.SoapWriter;
import org.phoneprov.acsd.cwmp.TransferComplete;
import org.phoneprov.acsd.rpc.RpcResponse;
import org.phoneprov.common.mac.Mac;

/**
 * One CWMP session of an authenticated device, as plain Java (TR-069 Amendment 6, 3.7: Session
 * Procedures). The CPE opens with an Inform and gets an InformResponse in the namespace version
 * it used, MaxEnvelopes 1 and its cwmp:ID echoed; then it may send its own requests
 * (TransferComplete, GetRPCMethods) until it sends an empty POST; then the ACS sends its queued
 * RPCs one per HTTP response, reading each answer from the next POST; 204 ends the session.
 * Anything out of that order gets a SOAP Fault 8003; three such in one session close it.
 * Not thread-safe: one connection's events run on one thread.
 */
public final class CwmpSession {
    static final int MAX_ERRORS = 3;

    /** Where the session stands. */
    public enum Phase { AWAIT_INFORM, CPE_TURN, ACS_TURN, ENDED }

    /** Queues tasks a fresh Inform calls for (a bootstrap's account push), before any is sent. */
    @FunctionalInterface
    public interface InformHook {
        void informed(Mac device, Inform inform, String root, TaskQueue queue);

        /** A task the CPE answered with a fault, after it was recorded: a hook may queue a follow-up. */
        default void faulted(Task task, CwmpFault fault, TaskQueue queue) {
        }

        InformHook NONE = (device, inform, root, queue) -> { };
    }

    private final Mac device;
    private final InetAddress from;
    private final TaskQueue queue;
    private final SessionObserver observer;
    private final InformHook hook;
    private final Clock clock;
    private Phase phase = Phase.AWAIT_INFORM;
    private CwmpVersion version = CwmpVersion.V1_0;
    private Optional<Inform> inform = Optional.empty();
    private Optional<Task> inFlight = Optional.empty();
    private int errors;
    private long requests;
    private boolean completed;

    public CwmpSession(Mac device, InetAddress from, TaskQueue queue, SessionObserver observer, InformHook hook,
                       Clock clock) {
        this.device = device;
        this.from = from;
        this.queue = queue;
        this.observer = observer;
        this.hook = hook;
        this.clock = clock;
    }

    public Phase phase() {
        return phase;
    }

    public Optional<Inform> inform() {
        return inform;
    }

    public Mac device() {
        return device;
    }

    /** One POST: an envelope, or empty for an empty POST. */
    public Reply post(Optional<Envelope> envelope) {
        if (envelope.isEmpty()) {
            return emptyPost();
        }
        Envelope e = envelope.get();
        try {
            return switch (phase) {
                case AWAIT_INFORM, ENDED -> e.method().equals("Inform") ? inform(e)
                        : refuse(e, FaultCode.ACS_INVALID_ARGUMENTS, "a session starts with an Inform", true);
                case CPE_TURN -> cpeRequest(e);
                case ACS_TURN -> e.fault() || e.method().endsWith("Response") ? response(e) : cpeRequest(e);
            };
        } catch (CwmpParseException bad) {
            return refuse(e, FaultCode.ACS_INVALID_ARGUMENTS, bad.detail(), phase == Phase.AWAIT_INFORM);
        }
    }

    /** A POST whose body was not a CWMP envelope at all. */
    public Reply malformed(CwmpParseException bad) {
        errors++;
        observer.refused(device, "-", FaultCode.ACS_INVALID_ARGUMENTS, bad.reason() + ": " + bad.detail());
        boolean close = errors >= MAX_ERRORS || phase == Phase.AWAIT_INFORM;
        return Reply.fault(SoapWriter.fault(version, Optional.empty(), FaultCode.ACS_INVALID_ARGUMENTS,
                bad.reason().name().toLowerCase(java.util.Locale.ROOT)), close);
    }

    /** The connection is gone. A task in flight goes back to the queue; the session's state is discarded. */
    public void closed() {
        inFlight.ifPresent(t -> observer.finished(queue.dropped(t)));
        inFlight = Optional.empty();
        phase = Phase.ENDED;
    }

    /** Whether the session ended as it should (204), rather than dropping. */
    public boolean completed() {
        return completed;
    }

    private Reply inform(Envelope e) {
        Inform i = Inform.decode(e.body());
        version = e.version();
        inform = Optional.of(i);
        inFlight = Optional.empty();
        errors = 0;
        completed = false;
        String root = i.root();
        queue.store().refresh(device); // tasks a command-line tool queued for it meanwhile
        queue.store().informed(device, new DeviceRecord(i, clock.instant(), from, root));
        queue.store().seen(device, i.parameters());
        observer.informed(device, i);
        queue.reconcile(device, i).forEach(observer::finished);
        hook.informed(device, i, root, queue);
        phase = Phase.CPE_TURN;
        // A.3.3.1 InformResponse: MaxEnvelopes "MUST be set to 1".
        return Reply.envelope(SoapWriter.rpc(version, e.id(), "InformResponse", x -> x.leaf("MaxEnvelopes", 1)));
    }

    private Reply cpeRequest(Envelope e) {
        switch (e.method()) {
            case "TransferComplete" -> {
                TransferComplete tc = TransferComplete.decode(e.body());
                Optional<Task> t = queue.transferComplete(device, tc);
                observer.transferComplete(device, tc, t);
                t.ifPresent(observer::finished);
                return Reply.envelope(SoapWriter.rpc(version, e.id(), "TransferCompleteResponse", x -> { }));
            }
            case "GetRPCMethods" -> {
                // A.3.1.1 on the ACS: the methods it answers.
                return Reply.envelope(SoapWriter.rpc(version, e.id(), "GetRPCMethodsResponse", x -> {
                    x.open("MethodList", "soap-enc:arrayType", "xsd:string[3]");
                    x.leaf("string", "Inform").leaf("string", "TransferComplete").leaf("string", "GetRPCMethods");
                    x.close("MethodList");
                }));
            }
            case "Inform" -> {
                return refuse(e, FaultCode.ACS_INVALID_ARGUMENTS, "one Inform per session", false);
            }
            default -> {
                if (e.fault() || e.method().endsWith("Response")) {
                    return refuse(e, FaultCode.ACS_INVALID_ARGUMENTS, e.method() + " answers no request of this session",
                            false);
                }
                return refuse(e, FaultCode.ACS_METHOD_NOT_SUPPORTED, e.method(), false);
            }
        }
    }

    private Reply response(Envelope e) {
        Task t = inFlight.orElseThrow();
        if (e.fault()) {
            CwmpFault f = CwmpFault.decode(e.body());
            Task failed = queue.faulted(t, f);
            observer.finished(failed);
            hook.faulted(failed, f, queue);
        } else {
            RpcResponse r = RpcResponse.decode(t.rpc().method(), e.body());
            if (r instanceof RpcResponse.GetParameterValuesResponse v) {
                queue.store().seen(device, v.values());
            }
            observer.finished(queue.answered(t, r));
        }
        inFlight = Optional.empty();
        return sendNext();
    }

    private Reply emptyPost() {
        return switch (phase) {
            case AWAIT_INFORM, ENDED -> {
                errors++;
                observer.refused(device, "empty POST", FaultCode.ACS_INVALID_ARGUMENTS, "before any Inform");
                yield Reply.fault(SoapWriter.fault(version, Optional.empty(), FaultCode.ACS_INVALID_ARGUMENTS,
                        "a session starts with an Inform"), true);
            }
            case CPE_TURN -> sendNext();
            case ACS_TURN -> {
                // The CPE answered our request with nothing: it stays queued for the next session.
                inFlight.ifPresent(t -> observer.finished(queue.dropped(t)));
                inFlight = Optional.empty();
                phase = Phase.ENDED;
                yield Reply.done();
            }
        };
    }

    private Reply sendNext() {
        Optional<Task> next = queue.next(device);
        if (next.isEmpty()) {
            phase = Phase.ENDED;
            completed = true;
            return Reply.done();
        }
        Task t = next.get();
        inFlight = next;
        phase = Phase.ACS_TURN;
        observer.sent(t);
        String id = "acs-" + t.id() + "-" + (++requests);
        return Reply.envelope(SoapWriter.rpc(version, Optional.of(id), t.rpc().method(), t.rpc()::write));
    }

    private Reply refuse(Envelope e, FaultCode code, String detail, boolean close) {
        errors++;
        observer.refused(device, e.method(), code, detail);
        return Reply.fault(SoapWriter.fault(version, e.id(), code, detail), close || errors >= MAX_ERRORS);
    }
}
