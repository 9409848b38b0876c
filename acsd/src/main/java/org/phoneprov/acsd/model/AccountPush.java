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
