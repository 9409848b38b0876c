package org.phoneprov.acsd.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.phoneprov.acsd.cwmp.CwmpFault;
import org.phoneprov.acsd.cwmp.CwmpVersion;
import org.phoneprov.acsd.cwmp.FaultCode;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.cwmp.SoapReader;
import org.phoneprov.acsd.cwmp.SoapWriter;
import org.phoneprov.acsd.cwmp.XmlNode;
import org.phoneprov.acsd.rpc.RpcRequestReader;
import org.phoneprov.common.mac.Mac;

/**
 * The {@code acs} table's rows and their values: one table of (kind, mac, name, value), a task
 * per row (kind {@code task}, name its id), a device's last Inform (kind {@code device}) and
 * each parameter value seen (kind {@code param}, name the parameter). A task's and a device's
 * value is an XML document written and read with the CWMP codec, the request as the CPE will
 * get it. What a task's response held is kept as its result text only.
 */
final class AcsRows {
    static final String TABLE = "acs";
    static final String CREATE = "CREATE TABLE " + TABLE + " ("
            + " kind TEXT NOT NULL," // task, device, param
            + " mac TEXT NOT NULL," // 12 upper-case hex digits
            + " name TEXT NOT NULL," // a task's id, '' for a device, a parameter's name
            + " value TEXT NOT NULL,"
            + " PRIMARY KEY (kind, mac, name))";
    static final String UPSERT = "INSERT INTO " + TABLE + " (kind, mac, name, value) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (kind, mac, name) DO UPDATE SET value = excluded.value";
    static final String SELECT_ALL = "SELECT kind, mac, name, value FROM " + TABLE + " ORDER BY kind, mac, name";
    /** One device's task rows: what another process may have queued. */
    static final String SELECT_TASKS = "SELECT kind, mac, name, value FROM " + TABLE
            + " WHERE kind = 'task' AND mac = ? ORDER BY name";
    /** One task's row. */
    static final String SELECT_TASK = "SELECT kind, mac, name, value FROM " + TABLE
            + " WHERE kind = 'task' AND name = ?";
    static final String TASK = "task";
    static final String DEVICE = "device";
    static final String PARAM = "param";
    private static final SoapReader READER = new SoapReader(64 * 1024 * 1024);

    private AcsRows() {
    }

    /** The upsert's parameters for one row. */
    static void bind(java.sql.PreparedStatement ps, RowBackedStore.Row r) throws java.sql.SQLException {
        ps.setString(1, r.kind());
        ps.setString(2, r.mac().hex());
        ps.setString(3, r.name());
        ps.setString(4, r.value());
    }

    static String task(Task t) {
        return text(SoapWriter.rpc(CwmpVersion.V1_0, Optional.empty(), "Task", x -> {
            x.leaf("Id", t.id()).leaf("Mac", t.device().hex()).leaf("State", t.state().name())
                    .leaf("Attempts", t.attempts()).leaf("Result", t.result())
                    .leaf("Created", t.created().toString()).leaf("Updated", t.updated().toString());
            t.fault().ifPresent(f -> x.leaf("FaultCode", f.code().code()).leaf("FaultString", f.text()));
            x.open("Request").open("cwmp:" + t.rpc().method());
            t.rpc().write(x);
            x.close("cwmp:" + t.rpc().method()).close("Request");
        }));
    }

    static Task task(String value) {
        XmlNode n = READER.read(value.getBytes(StandardCharsets.UTF_8)).body();
        XmlNode request = n.child("Request").flatMap(r -> r.children().stream().findFirst()).orElseThrow();
        Optional<CwmpFault> fault = n.text("FaultCode").map(c -> new CwmpFault(FaultCode.valueOf(Integer.parseInt(c)),
                n.text("FaultString").orElse(""), List.of()));
        return new Task(n.number("Id"), mac(n.required("Mac")), RpcRequestReader.read(request),
                TaskState.valueOf(n.required("State")), (int) n.number("Attempts"), Optional.empty(), fault,
                n.text("Result").orElse(""), Instant.parse(n.required("Created")), Instant.parse(n.required("Updated")));
    }

    static String device(DeviceRecord d) {
        Inform i = d.lastInform();
        return text(SoapWriter.rpc(CwmpVersion.V1_0, Optional.empty(), "Device", x -> {
            x.leaf("Root", d.root()).leaf("At", d.at().toString())
                    .leaf("From", d.from() == null ? "" : d.from().getHostAddress());
            x.open("Inform").open("DeviceId").leaf("Manufacturer", i.device().manufacturer())
                    .leaf("OUI", i.device().oui()).leaf("ProductClass", i.device().productClass())
                    .leaf("SerialNumber", i.device().serialNumber()).close("DeviceId").open("Event");
            i.events().forEach(e -> x.open("EventStruct").leaf("EventCode", e.code()).leaf("CommandKey", e.commandKey())
                    .close("EventStruct"));
            x.close("Event").leaf("MaxEnvelopes", i.maxEnvelopes()).leaf("CurrentTime", i.currentTime())
                    .leaf("RetryCount", i.retryCount());
            ParameterValue.write(x, i.parameters());
            x.close("Inform");
        }));
    }

    static DeviceRecord device(String value) {
        XmlNode n = READER.read(value.getBytes(StandardCharsets.UTF_8)).body();
        String from = n.text("From").orElse("");
        InetAddress address = null;
        if (!from.isEmpty()) {
            try {
                address = InetAddress.getByName(from); // a literal: no lookup
            } catch (UnknownHostException e) {
                address = null;
            }
        }
        return new DeviceRecord(Inform.decode(n.child("Inform").orElseThrow()), Instant.parse(n.required("At")), address,
                n.required("Root"));
    }

    static Mac mac(String hex) {
        return Mac.parse(hex).orElseThrow(() -> new IllegalArgumentException("not a MAC: " + hex));
    }

    private static String text(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }
}
