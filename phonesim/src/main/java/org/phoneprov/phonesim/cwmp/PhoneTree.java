package org.phoneprov.phonesim.cwmp;

/**
 * The simulated phone's parameters as from the factory: DeviceInfo from its identity,
 * ManagementServer pointing at its ACS, and one TR-104 VoiceService with one SIP profile and
 * {@code lines} lines. TR-104 3.1: "By default, a single VoiceProfile object SHOULD be present
 * in a VoiceService, initially in the disabled state" and a Line object per line "initially with
 * value Disabled" (tr-104-1-0-0.xml, VoiceProfile.{i}. and Line.{i}. descriptions).
 */
public final class PhoneTree {
    private PhoneTree() {
    }

    public static ParameterTree factory(CwmpRoot root, CpeIdentity id, AcsSettings acs, int lines) {
        ParameterTree t = ParameterTree.empty(DataModel.tr104(root));
        String r = root.path();
        t.put(r + "DeviceSummary", root.deviceSummary());
        t.put(r + "DeviceInfo.Manufacturer", id.manufacturer());
        t.put(r + "DeviceInfo.ManufacturerOUI", id.oui());
        t.put(r + "DeviceInfo.ModelName", id.productClass());
        t.put(r + "DeviceInfo.Description", id.manufacturer() + " " + id.productClass() + " IP phone (phonesim)");
        t.put(r + "DeviceInfo.ProductClass", id.productClass());
        t.put(r + "DeviceInfo.SerialNumber", id.serialNumber());
        t.put(r + "DeviceInfo.HardwareVersion", id.hardwareVersion());
        t.put(r + "DeviceInfo.SoftwareVersion", id.softwareVersion());
        t.put(r + "ManagementServer.URL", acs.url());
        t.put(r + "ManagementServer.Username", acs.username());
        t.put(r + "ManagementServer.Password", acs.password());
        t.put(r + "ManagementServer.PeriodicInformInterval", Long.toString(Math.max(1, acs.periodicInterval()
                .toSeconds())));
        String vs = r + "Services.VoiceService.";
        int s = t.addInstance(vs);
        String service = vs + s + ".";
        String caps = service + "Capabilities.";
        t.put(caps + "MaxProfileCount", "1");
        t.put(caps + "MaxLineCount", Integer.toString(lines));
        t.put(caps + "MaxSessionsPerLine", "2");
        t.put(caps + "MaxSessionCount", Integer.toString(2 * lines));
        t.put(caps + "SignalingProtocols", "SIP/2.0");
        t.put(caps + "SIP.Role", "UserAgent");
        t.put(caps + "SIP.Transports", "UDP, TCP");
        t.put(caps + "SIP.Extensions", "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, NOTIFY, SUBSCRIBE, REFER");
        for (String b : new String[] {"RTCP", "SRTP", "RTPRedundancy", "DSCPCoupled", "EthernetTaggingCoupled",
                "PSTNSoftSwitchOver", "FaxT38", "FaxPassThrough", "ModemPassThrough", "ToneGeneration",
                "RingGeneration", "DigitMap", "NumberingPlan", "ButtonMap", "VoicePortTests",
                "SIP.EventSubscription", "SIP.ResponseMap"}) {
            t.put(caps + b, b.equals("RTCP") || b.equals("DigitMap") ? "true" : "false");
        }
        String[][] codecs = {{"G.711ALaw", "64000"}, {"G.711MuLaw", "64000"}, {"G.729", "8000"}, {"G.722", "64000"}};
        for (String[] c : codecs) {
            String codec = caps + "Codecs." + t.addInstance(caps + "Codecs.") + ".";
            t.put(codec + "EntryID", codec.substring(caps.length() + 7, codec.length() - 1));
            t.put(codec + "Codec", c[0]);
            t.put(codec + "BitRate", c[1]);
            t.put(codec + "PacketizationPeriod", "20");
            t.put(codec + "SilenceSuppression", "false");
        }
        String profiles = service + "VoiceProfile.";
        String profile = profiles + t.addInstance(profiles) + ".";
        t.put(profile + "SignalingProtocol", "SIP");
        t.put(profile + "MaxSessions", Integer.toString(2 * lines));
        for (int i = 0; i < lines; i++) {
            t.addInstance(profile + "Line.");
        }
        return t;
    }
}
