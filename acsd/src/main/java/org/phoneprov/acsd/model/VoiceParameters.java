package org.phoneprov.acsd.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.common.config.Device;

/**
 * A device's SIP accounts from the inventory as TR-104 VoiceService parameters, under the root
 * the CPE reports ({@code InternetGatewayDevice.} for TR-098, {@code Device.} for TR-106/TR-181):
 * {@code <root>Services.VoiceService.1.VoiceProfile.{i}.} per distinct registrar and proxy, in
 * the order the lines are written, and {@code Line.{j}.} per line within it. Names and types
 * from TR-104 Issue 1 Amendment 1 (BroadbandForum/cwmp-data-models tr-104-1-1-0-full.xml):
 * <ul>
 * <li>VoiceProfile.{i}.SIP.ProxyServer, ProxyServerPort, RegistrarServer, RegistrarServerPort:
 *     host (string(256)) and port (unsignedInt, default 5060);</li>
 * <li>Line.{i}.Enable: string, one of Disabled, Quiescent, Enabled (not a boolean in TR-104 v1);</li>
 * <li>Line.{i}.DirectoryNumber string(32); Line.{i}.SIP.AuthUserName, AuthPassword string(128);
 *     Line.{i}.SIP.URI string(389); Line.{i}.CallingFeatures.CallerIDName string(256).</li>
 * </ul>
 * The instances are those the phone has already (a phone's profiles and lines are fixed);
 * nothing is added with AddObject.
 */
public final class VoiceParameters {
    private VoiceParameters() {
    }

    /** A registrar or proxy as the inventory writes it: {@code host} or {@code host:port}. */
    record HostPort(String host, long port) {
        static HostPort of(String text) {
            int colon = text.lastIndexOf(':');
            // host:port, but not an IPv6 literal without brackets
            if (colon > 0 && text.indexOf(':') == colon && text.substring(colon + 1).matches("[0-9]{1,5}")) {
                return new HostPort(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
            }
            if (text.startsWith("[") && text.contains("]:")) {
                int end = text.indexOf("]:");
                return new HostPort(text.substring(1, end), Long.parseLong(text.substring(end + 2)));
            }
            return new HostPort(text, 5060);
        }
    }

    /** The parameters for {@code device}'s lines under {@code root} ({@code "Device."} or {@code "InternetGatewayDevice."}). */
    public static List<ParameterValue> of(Device device, String root) {
        Map<List<String>, List<Device.Line>> profiles = new LinkedHashMap<>();
        for (Device.Line l : device.lines()) {
            profiles.computeIfAbsent(List.of(l.registrar(), l.proxy()), k -> new ArrayList<>()).add(l);
        }
        List<ParameterValue> out = new ArrayList<>();
        int p = 0;
        for (List<Device.Line> lines : profiles.values()) {
            String profile = root + "Services.VoiceService.1.VoiceProfile." + (++p) + ".";
            HostPort registrar = HostPort.of(lines.get(0).registrar());
            HostPort proxy = HostPort.of(lines.get(0).proxy());
            out.add(ParameterValue.string(profile + "SIP.RegistrarServer", registrar.host()));
            out.add(ParameterValue.unsignedInt(profile + "SIP.RegistrarServerPort", registrar.port()));
            out.add(ParameterValue.string(profile + "SIP.ProxyServer", proxy.host()));
            out.add(ParameterValue.unsignedInt(profile + "SIP.ProxyServerPort", proxy.port()));
            int n = 0;
            for (Device.Line l : lines) {
                String line = profile + "Line." + (++n) + ".";
                out.add(ParameterValue.string(line + "Enable", "Enabled"));
                out.add(ParameterValue.string(line + "DirectoryNumber", l.number()));
                out.add(ParameterValue.string(line + "SIP.AuthUserName", l.authUser()));
                out.add(ParameterValue.string(line + "SIP.AuthPassword", l.password()));
                out.add(ParameterValue.string(line + "SIP.URI", "sip:" + l.number() + "@" + registrar.host()));
                out.add(ParameterValue.string(line + "CallingFeatures.CallerIDName", l.displayName()));
            }
        }
        return out;
    }

    /**
     * ManagementServer.PeriodicInformEnable and PeriodicInformInterval (TR-098 and TR-181 name
     * them alike under their roots): the CPE calls in at least this often.
     */
    public static List<ParameterValue> periodic(String root, int seconds) {
        return List.of(ParameterValue.bool(root + "ManagementServer.PeriodicInformEnable", true),
                ParameterValue.unsignedInt(root + "ManagementServer.PeriodicInformInterval", seconds));
    }
}
