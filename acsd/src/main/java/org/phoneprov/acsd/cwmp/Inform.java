package org.phoneprov.acsd.cwmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Inform a CPE opens every session with (TR-069 Amendment 6, A.3.3.1): who it is
 * (DeviceIdStruct), why it calls (EventStruct list: "0 BOOTSTRAP", "1 BOOT", "2 PERIODIC",
 * "M Reboot" with the CommandKey of the Reboot that caused it, ...), MaxEnvelopes, its clock,
 * how often it retried, and the parameters it reports (DeviceSummary, ParameterKey, ...).
 */
public record Inform(DeviceId device, List<EventStruct> events, long maxEnvelopes, String currentTime,
                     long retryCount, List<ParameterValue> parameters) {
    public static final String BOOTSTRAP = "0 BOOTSTRAP";
    public static final String BOOT = "1 BOOT";
    public static final String TRANSFER_COMPLETE = "7 TRANSFER COMPLETE";
    public static final String M_REBOOT = "M Reboot";
    public static final String M_DOWNLOAD = "M Download";

    public Inform {
        events = List.copyOf(events);
        parameters = List.copyOf(parameters);
    }

    /** DeviceIdStruct (A.3.3.1): OUI is six hex digits; SerialNumber is unique within OUI and ProductClass. */
    public record DeviceId(String manufacturer, String oui, String productClass, String serialNumber) {
    }

    public record EventStruct(String code, String commandKey) {
    }

    public static Inform decode(XmlNode inform) {
        XmlNode id = inform.child("DeviceId").orElseThrow(() -> new CwmpParseException(
                CwmpParseException.Reason.BAD_RPC, "Inform has no DeviceId"));
        DeviceId device = new DeviceId(id.text("Manufacturer").orElse(""), id.required("OUI"),
                id.text("ProductClass").orElse(""), id.required("SerialNumber"));
        List<EventStruct> events = new ArrayList<>();
        inform.child("Event").ifPresent(e -> e.children("EventStruct").forEach(s ->
                events.add(new EventStruct(s.required("EventCode"), s.text("CommandKey").orElse("")))));
        List<ParameterValue> params = inform.child("ParameterList").map(ParameterValue::list).orElse(List.of());
        return new Inform(device, events, inform.number("MaxEnvelopes"), inform.text("CurrentTime").orElse(""),
                inform.text("RetryCount").map(Inform::count).orElse(0L), params);
    }

    private static long count(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public boolean has(String eventCode) {
        return events.stream().anyMatch(e -> e.code.equals(eventCode));
    }

    /** The CommandKeys reported with an event code ("M Reboot" may come once per Reboot). */
    public List<String> commandKeys(String eventCode) {
        return events.stream().filter(e -> e.code.equals(eventCode)).map(EventStruct::commandKey).toList();
    }

    public Optional<String> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).map(ParameterValue::value).findFirst();
    }

    /**
     * The data model root the CPE reports under: {@code InternetGatewayDevice.} (TR-098) or
     * {@code Device.} (TR-181/TR-106), from the first parameter name; {@code Device.} without any.
     */
    public String root() {
        return parameters.stream().map(ParameterValue::name).filter(n -> n.indexOf('.') > 0)
                .map(n -> n.substring(0, n.indexOf('.') + 1)).findFirst().orElse("Device.");
    }
}
