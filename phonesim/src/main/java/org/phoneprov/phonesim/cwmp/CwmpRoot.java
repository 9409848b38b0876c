package org.phoneprov.phonesim.cwmp;

/**
 * The root object a CPE's data model hangs from: {@code InternetGatewayDevice.} (TR-098, the
 * root of a gateway's model) or {@code Device.} (TR-106 Device:1, the root of any other device,
 * a phone among them). A TR-104 VoiceService lives under {@code <root>Services.} in both.
 */
public enum CwmpRoot {
    IGD("InternetGatewayDevice.", "InternetGatewayDevice:1.1[](Baseline:1)"),
    DEVICE("Device.", "Device:1.0[](Baseline:1)");

    private final String path;
    private final String summary;

    CwmpRoot(String path, String summary) {
        this.path = path;
        this.summary = summary;
    }

    /** {@code Device.} */
    public String path() {
        return path;
    }

    /**
     * The DeviceSummary value (TR-106 3.7 "DeviceSummary Definition"): the root model and the
     * VoiceService:1.0 service object with its one instance, in the Endpoint profile of TR-104.
     */
    public String deviceSummary() {
        return summary + ", VoiceService:1.0[1](Endpoint:1)";
    }

    /** {@code igd} or {@code device}, as {@code --cwmp-root} takes it. */
    public static CwmpRoot parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "igd", "internetgatewaydevice" -> IGD;
            case "device" -> DEVICE;
            default -> throw new IllegalArgumentException("'" + text + "' is not a CWMP root: igd or device");
        };
    }
}
