package org.phoneprov.acsd.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.rpc.RpcRequest;
import org.phoneprov.acsd.session.CwmpSession;
import org.phoneprov.acsd.session.DeviceRecord;
import org.phoneprov.acsd.session.Task;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.acsd.session.TaskState;
import org.phoneprov.common.config.AcsdReader;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;

/**
 * Gives CPEs their accounts. On an Inform with "0 BOOTSTRAP" (first contact, or after a factory
 * reset) or "1 BOOT" (TR-069 Amendment 6, A.3.3.1 event codes) it queues one
 * SetParameterValues with the device's {@link VoiceParameters} and the periodic-inform
 * parameters, under the root that Inform reported; and {@link #pushAll} queues one for each
 * device whose accounts changed in a reloaded inventory. A push equal to one still queued is
 * not queued again (a phone rebooting in a loop does not pile them up). The ParameterKey is
 * {@code acct-<task id>}: the CPE reports it in ManagementServer.ParameterKey once applied.
 */
public final class AccountPush implements CwmpSession.InformHook {
    /** The ParameterKey of a push starts so (its task id follows), so pushes are told from other SPVs. */
    static final String KEY = "acct-";
    /** A push again without the names the CPE does not have; never trimmed twice. */
    static final String TRIMMED = KEY + "trimmed-";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccountPush.class);

    private final Supplier<SuiteConfig> config;

    public AccountPush(Supplier<SuiteConfig> config) {
        this.config = config;
    }

    @Override
    public void informed(Mac device, Inform inform, String root, TaskQueue queue) {
        if (inform.has(Inform.BOOTSTRAP) || inform.has(Inform.BOOT)) {
            SuiteConfig c = config.get();
            c.device(device).ifPresent(d -> push(d, root, c, queue));
        }
    }

    /**
     * CPEs implement different parts of TR-104 (a phone without CallingFeatures, say): when a
     * push fails only on names the CPE does not have (9003 with every parameter fault 9005,
     * TR-069 A.5.2 SetParameterValues), it is queued once more without those names, and the
     * log names what the phone lacks, rather than the phone getting no account at all.
     */
    @Override
    public void faulted(Task task, org.phoneprov.acsd.cwmp.CwmpFault fault, TaskQueue queue) {
        if (!(task.rpc() instanceof RpcRequest.SetParameterValues spv) || !spv.parameterKey().startsWith(KEY)
                || spv.parameterKey().startsWith(TRIMMED)
                || fault.code().code() != org.phoneprov.acsd.cwmp.FaultCode.INVALID_ARGUMENTS.code()
                || fault.parameters().isEmpty() || fault.parameters().stream().anyMatch(p -> p.code().code()
                        != org.phoneprov.acsd.cwmp.FaultCode.INVALID_PARAMETER_NAME.code())) {
            return;
        }
        java.util.Set<String> missing = new java.util.TreeSet<>();
        fault.parameters().forEach(p -> missing.add(p.name()));
        List<ParameterValue> kept = spv.values().stream().filter(v -> !missing.contains(v.name())).toList();
        if (kept.isEmpty() || kept.size() == spv.values().size()) {
            return;
        }
        queue.enqueue(task.device(), new RpcRequest.SetParameterValues(kept, ""), TRIMMED);
        LOG.warn("acsd.push_trimmed mac={} task={} unsupported={} (the account is pushed again without them)",
                task.device().colon(), task.id(), missing);
    }

    /**
     * After a reload: an SPV for every device the ACS has heard from whose lines differ between
     * {@code before} and {@code next}; the others get theirs at their next boot.
     */
    public List<Task> pushAll(SuiteConfig before, SuiteConfig next, TaskQueue queue) {
        List<Task> out = new ArrayList<>();
        for (Map.Entry<Mac, Device> e : next.devices().entrySet()) {
            List<Device.Line> was = before.device(e.getKey()).map(Device::lines).orElse(List.of());
            Optional<DeviceRecord> seen = queue.store().device(e.getKey());
            if (seen.isPresent() && !Objects.equals(was, e.getValue().lines())) {
                push(e.getValue(), seen.get().root(), next, queue).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<Task> push(Device d, String root, SuiteConfig c, TaskQueue queue) {
        List<ParameterValue> values = new ArrayList<>(VoiceParameters.of(d, root));
        values.addAll(VoiceParameters.periodic(root, c.settings(AcsdReader.SECTION).periodicInformSeconds()));
        // With the account, the credentials the ACS will call the phone's ConnectionRequestURL with.
        org.phoneprov.acsd.request.ConnectionRequestCredentials.of(d).ifPresent(cr -> values.addAll(cr.parameters(root)));
        RpcRequest.SetParameterValues spv = new RpcRequest.SetParameterValues(values, "");
        for (Task t : queue.store().tasks(d.mac())) {
            if (t.state() == TaskState.QUEUED && t.rpc().key().startsWith(KEY)
                    && t.rpc().equals(spv.withKey(t.rpc().key()))) {
                return Optional.empty(); // the same push waits already
            }
        }
        return Optional.of(queue.enqueue(d.mac(), spv, KEY));
    }
}
